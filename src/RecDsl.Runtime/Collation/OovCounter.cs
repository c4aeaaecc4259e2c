namespace RecDsl.Collation;

/// <summary>
/// Counts, per feature, the ids a collator sent to the OOV row (unseen strings, out-of-range ids, nulls).
/// The trainer reports and resets it after each epoch. Not thread-safe, like the collator that owns it.
/// </summary>
public sealed class OovCounter
{
    private readonly string[] features;
    private readonly long[] counts;

    /// <summary>Creates a counter for the given features (sparse and sequence members, in schema order).</summary>
    public OovCounter(IReadOnlyList<string> features)
    {
        this.features = features.ToArray();
        counts = new long[this.features.Length];
    }

    /// <summary>The counted features, in index order.</summary>
    public IReadOnlyList<string> Features => features;

    /// <summary>Adds <paramref name="count"/> OOV ids to feature number <paramref name="feature"/>.</summary>
    public void Add(int feature, long count) => counts[feature] += count;

    /// <summary>OOV ids counted for the feature named <paramref name="feature"/>.</summary>
    public long this[string feature]
    {
        get
        {
            int index = Array.IndexOf(features, feature);
            return index >= 0 ? counts[index] : throw new KeyNotFoundException($"No OOV counter for '{feature}'.");
        }
    }

    /// <summary>OOV ids counted over all features.</summary>
    public long Total => counts.Sum();

    /// <summary>The current counts by feature name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long>(features.Length);
        for (int i = 0; i < features.Length; i++) result[features[i]] = counts[i];
        return result;
    }

    /// <summary>Sets every count back to zero.</summary>
    public void Reset() => Array.Clear(counts);

    /// <summary>"Feature: n" for every feature with a nonzero count, or "none".</summary>
    public override string ToString()
    {
        var parts = features.Select((f, i) => (f, n: counts[i])).Where(p => p.n > 0).Select(p => $"{p.f}: {p.n}").ToArray();
        return parts.Length == 0 ? "none" : string.Join(", ", parts);
    }
}
