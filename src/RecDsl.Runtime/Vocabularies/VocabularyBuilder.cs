namespace RecDsl.Vocabularies;

/// <summary>Counts tokens, then builds a deterministic <see cref="Vocabulary"/>.</summary>
public sealed class VocabularyBuilder
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Number of distinct tokens seen so far.</summary>
    public int Distinct => counts.Count;

    /// <summary>Counts one occurrence of <paramref name="token"/>; null is ignored (it is always OOV).</summary>
    public void Add(string? token)
    {
        if (token is null) return;
        counts[token] = counts.TryGetValue(token, out var n) ? n + 1 : 1;
    }

    /// <summary>
    /// Keeps the tokens seen at least <paramref name="minCount"/> times, most frequent first, ties broken by
    /// ordinal string order (so the result never depends on input order or hash seeds), and at most
    /// <paramref name="capacity"/> of them (the table's declared <c>Vocab</c>).
    /// </summary>
    public Vocabulary Build(int minCount = 1, int capacity = int.MaxValue)
    {
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "At least 1.");
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Not negative.");
        var kept = counts.Where(p => p.Value >= minCount).ToList();
        kept.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        return new Vocabulary(kept.Take(capacity).Select(p => p.Key));
    }
}
