using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace RecDsl.Vocabularies;

/// <summary>
/// The vocabularies of one record, one per embedding table that maps strings through a fitted vocabulary.
/// Generated <c>{Record}Vocabulary</c> classes derive from it and add a typed property per table and
/// <c>Fit</c>/<c>Load</c>.
/// </summary>
/// <remarks>File format (UTF-8 JSON): <c>{"format":"recdsl-vocabulary/1","record":"...","tables":{"Site":["a","b"]}}</c>;
/// token <c>i</c> of a table has id <c>i</c> (embedding row <c>i + 2</c>).</remarks>
public abstract class VocabularySet
{
    /// <summary>The format tag written into every file.</summary>
    public const string Format = "recdsl-vocabulary/1";

    private readonly KeyValuePair<string, Vocabulary>[] tables;
    private string? digest;

    /// <summary>Creates the set for record <paramref name="recordName"/> from (table, vocabulary) pairs.</summary>
    protected VocabularySet(string recordName, IEnumerable<KeyValuePair<string, Vocabulary>> tables)
    {
        RecordName = recordName;
        this.tables = tables.ToArray();
    }

    /// <summary>The record these vocabularies belong to.</summary>
    public string RecordName { get; }

    /// <summary>The vocabulary of each table, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, Vocabulary>> Tables => tables;

    /// <summary>The vocabulary of table <paramref name="table"/>.</summary>
    public Vocabulary this[string table] =>
        tables.FirstOrDefault(t => t.Key == table).Value ?? throw new KeyNotFoundException($"'{RecordName}' has no vocabulary table '{table}'.");

    /// <summary>SHA-256 (lowercase hex) of every table's name and tokens in id order (byte layout: docs/serving.md):
    /// two sets that map the same strings to the same rows have the same digest, and (barring a collision) no others.
    /// ONNX exports carry it as <c>recdsl.vocabulary</c>, so that a server can check that the vocabularies it maps
    /// strings with are the ones the model was trained on.</summary>
    public string Digest => digest ??= ComputeDigest();

    private string ComputeDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Length-prefixed, so that no two different sets of tables write the same bytes.
        AppendCount(hash, tables.Length);
        foreach (var (name, vocabulary) in tables)
        {
            AppendText(hash, name);
            AppendCount(hash, vocabulary.Count);
            foreach (var token in vocabulary.Tokens) AppendText(hash, token);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        // The UTF-16 code units as they are: exact for any string, lone surrogates included. In memory order, which
        // is little-endian on every platform TorchSharp runs on (x64, arm64).
        AppendCount(hash, text.Length);
        hash.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void AppendCount(IncrementalHash hash, int count)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, count);
        hash.AppendData(bytes);
    }

    /// <summary>Where <paramref name="other"/>'s tables (a batch's, of the same record) differ from these (a model's),
    /// for a message once their digests differ: the first table that does, by its first id that holds another token or
    /// else by its token count.</summary>
    internal string DifferenceFrom(VocabularySet other)
    {
        for (int t = 0; t < tables.Length && t < other.tables.Length; t++)
        {
            var (name, mine) = tables[t];
            var theirs = other.tables[t].Value.Tokens;
            for (int id = 0; id < Math.Min(mine.Count, theirs.Count); id++)
                if (!string.Equals(mine.Tokens[id], theirs[id], StringComparison.Ordinal))
                    return $"table '{name}' has token '{theirs[id]}' at id {id} where the model has '{mine.Tokens[id]}'";
            if (mine.Count != theirs.Count) return $"table '{name}' has {theirs.Count} tokens where the model has {mine.Count}";
        }
        return $"their tables are {Names(other)} where the model's are {Names(this)}";
    }

    private static string Names(VocabularySet set) => string.Join(", ", set.tables.Select(t => "'" + t.Key + "'"));

    /// <summary>Writes every vocabulary to <paramref name="path"/> (replaced atomically: temp file + rename).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Training.AtomicFile.Replace(path, stream => Save(stream));
    }

    /// <summary>Writes every vocabulary to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("record", RecordName);
        writer.WriteStartObject("tables");
        foreach (var (name, vocabulary) in tables)
        {
            writer.WritePropertyName(name);
            vocabulary.WriteTo(writer);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Fit's check of its <c>minCount</c>, before it reads any record.</summary>
    protected static void RequireMinCount(int minCount)
    {
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "At least 1.");
    }

    /// <summary>Fit's check of record <paramref name="index"/>; generic, so it costs nothing for struct records.</summary>
    protected static void RequireRecord<T>(T record, int index)
    {
        if (record is null) throw new ArgumentException($"Record {index} passed to Fit is null.", "records");
    }

    /// <summary>Fit saw no records: vocabularies fitted on nothing would send every string to OOV, silently. The
    /// usual cause is an enumerable already consumed, or a filter that kept nothing.</summary>
    protected static ArgumentException NoRecordsToFit(string recordName) =>
        new($"Fitting the vocabularies of '{recordName}' on no records: every string would go to the OOV row. " +
            "Pass the training records (an enumerable that was already consumed, or a filter that kept nothing, gives none).", "records");

    /// <summary>Reads the tables named <paramref name="expectedTables"/> from a file written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not JSON, not a RecDsl vocabulary file, or lacks a table.</exception>
    protected static Vocabulary[] ReadTables(Stream stream, IReadOnlyList<string> expectedTables) =>
        Read(stream, expectedTables, "The vocabulary stream");

    /// <summary>Opens <paramref name="path"/> and reads the tables named <paramref name="expectedTables"/>; errors name the file.</summary>
    protected static Vocabulary[] ReadTables(string path, IReadOnlyList<string> expectedTables)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, expectedTables, $"Vocabulary file '{path}'");
    }

    private static Vocabulary[] Read(Stream stream, IReadOnlyList<string> expectedTables, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a RecDsl vocabulary file: it is not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format
                || !root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{source} is not a RecDsl vocabulary file (expected format '{Format}' and its tables).");
            string writtenFor = root.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.String
                ? $"; it was written for record '{record.GetString()}'"
                : "";
            var result = new Vocabulary[expectedTables.Count];
            for (int i = 0; i < expectedTables.Count; i++)
            {
                if (!tables.TryGetProperty(expectedTables[i], out var array))
                    throw new InvalidDataException(
                        $"{source} has no table '{expectedTables[i]}' (it has: {string.Join(", ", tables.EnumerateObject().Select(p => p.Name))}){writtenFor}.");
                try
                {
                    result[i] = Vocabulary.ReadFrom(array);
                }
                catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException)
                {
                    throw new InvalidDataException($"{source}, table '{expectedTables[i]}': {e.Message}", e);
                }
            }
            return result;
        }
    }
}
