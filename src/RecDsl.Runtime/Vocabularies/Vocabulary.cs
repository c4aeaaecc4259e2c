using System.Text.Json;

namespace RecDsl.Vocabularies;

/// <summary>
/// A fitted string -> id map of one embedding table: ids are 0..Count-1, the most frequent token first.
/// Unknown tokens (and null) have no id; collators send them to the OOV row.
/// </summary>
/// <remarks>Immutable, so one instance may be shared by collators on several threads.</remarks>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> ids;
    private readonly string[] tokens;

    /// <summary>Creates a vocabulary whose token <c>i</c> has id <c>i</c>.</summary>
    /// <exception cref="ArgumentException">A token is null or appears twice.</exception>
    public Vocabulary(IEnumerable<string> tokens)
    {
        this.tokens = tokens.ToArray();
        ids = new Dictionary<string, int>(this.tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < this.tokens.Length; i++)
        {
            var token = this.tokens[i] ?? throw new ArgumentException($"Token {i} is null.", nameof(tokens));
            if (!ids.TryAdd(token, i)) throw new ArgumentException($"Token '{token}' appears twice (ids {ids[token]} and {i}).", nameof(tokens));
        }
    }

    /// <summary>An empty vocabulary: every token is unknown.</summary>
    public static Vocabulary Empty { get; } = new(Array.Empty<string>());

    /// <summary>Number of known tokens.</summary>
    public int Count => tokens.Length;

    /// <summary>The tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>The id of <paramref name="token"/>, or -1 when it is unknown or null.</summary>
    public int IdOf(string? token) => token is not null && ids.TryGetValue(token, out var id) ? id : -1;

    /// <summary>The embedding row of <paramref name="token"/>: id + 2, or the OOV row (1) when unknown or null.</summary>
    public long RowOf(string? token) => token is not null && ids.TryGetValue(token, out var id) ? id + Schema.EmbeddingRows.Reserved : Schema.EmbeddingRows.Oov;

    /// <summary>Fits a vocabulary: see <see cref="VocabularyBuilder.Build"/>.</summary>
    public static Vocabulary Fit(IEnumerable<string?> values, int minCount = 1, int capacity = int.MaxValue)
    {
        var builder = new VocabularyBuilder();
        foreach (var value in values) builder.Add(value);
        return builder.Build(minCount, capacity);
    }

    /// <summary>Writes the tokens as a JSON array.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var token in tokens) writer.WriteStringValue(token);
        writer.WriteEndArray();
    }

    /// <summary>Reads a JSON array of tokens written by <see cref="WriteTo"/>.</summary>
    public static Vocabulary ReadFrom(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"Expected an array of tokens, found {array.ValueKind}.");
        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            list.Add(item.GetString() ?? throw new InvalidDataException("A vocabulary token is null."));
        return new Vocabulary(list);
    }
}
