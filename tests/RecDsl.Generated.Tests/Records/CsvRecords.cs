using RecDsl;

// Records read from CSV through their generated readers (Data/GeneratedCsvReaderTests): a [Column] rename, a
// sequence column with its own separator, a dense field whose empty value takes the declared Default.

namespace Shop.Csv
{
    public enum Channel { Web, App, Store }

    [DeepFM(EmbeddingDim = 8, Hidden = new[] { 16 })]
    public sealed record Visit
    {
        [Sparse(Vocab = 100), FmField, Deep, Group, Column("user_id")] public int UserId { get; init; }
        [Sparse(HashBuckets = 64), FmField, Deep, Column("site_id")] public string? Site { get; init; }
        [Sparse, FmField, Deep] public Channel Channel { get; init; }
        [Sequence(Vocab = 50, MaxLen = 3), Deep, Column("recent_items", Separator = ';')] public List<int> RecentItems { get; init; } = new();
        [Dense(Default = 1.5), Deep] public float Price { get; init; }
        [Label, Column("clicked")] public bool Clicked { get; init; }
    }
}

namespace Shop.Csv
{
    /// <summary>Nullable ids and an integer dense value with a default, read from CSV: an empty field is null (the OOV
    /// row) for <c>bool?</c> and <c>Channel?</c>, and the declared Default for the <c>int</c>; a string gAUC group.</summary>
    [WideDeep(EmbeddingDim = 4, Hidden = new[] { 8 })]
    public sealed record Session
    {
        [Sparse, Wide, Deep] public bool? Returning { get; init; }
        [Sparse, Wide, Deep] public Channel? Entry { get; init; }
        [Dense(Default = 3), Deep] public int Pages { get; init; }
        [Label] public bool Bought { get; init; }
        [Group] public string? Visitor { get; init; }
    }
}

namespace Shop.Csv
{
    /// <summary>A base record whose properties a derived record's positional parameters reuse (no property of their own):
    /// the features are declared on the parameters of the record with the model.</summary>
    public record ImpressionBase(int AdId, string? Site);

    [DeepFM(EmbeddingDim = 4, Hidden = new[] { 8 })]
    public sealed record Impression([Sparse(Vocab = 10), FmField, Deep] int AdId, [Sparse(HashBuckets = 16), FmField, Deep] string? Site,
        [property: Label] bool Clicked) : ImpressionBase(AdId, Site);
}

namespace Criteo
{
    /// <summary>The raw Criteo columns as a user declares them: the label, 13 counts whose empty fields mean 0, 26 hex
    /// ids hashed (an empty id is missing: null, the OOV row).</summary>
    [DeepFM(EmbeddingDim = 8, Hidden = new[] { 32, 16 })]
    public sealed record CriteoAd
    {
        [Label, Column("label")] public bool Clicked { get; init; }
        [Dense(Default = 0), Deep] public float I1 { get; init; }
        [Dense(Default = 0), Deep] public float I2 { get; init; }
        [Dense(Default = 0), Deep] public float I3 { get; init; }
        [Dense(Default = 0), Deep] public float I4 { get; init; }
        [Dense(Default = 0), Deep] public float I5 { get; init; }
        [Dense(Default = 0), Deep] public float I6 { get; init; }
        [Dense(Default = 0), Deep] public float I7 { get; init; }
        [Dense(Default = 0), Deep] public float I8 { get; init; }
        [Dense(Default = 0), Deep] public float I9 { get; init; }
        [Dense(Default = 0), Deep] public float I10 { get; init; }
        [Dense(Default = 0), Deep] public float I11 { get; init; }
        [Dense(Default = 0), Deep] public float I12 { get; init; }
        [Dense(Default = 0), Deep] public float I13 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C1 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C2 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C3 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C4 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C5 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C6 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C7 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C8 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C9 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C10 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C11 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C12 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C13 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C14 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C15 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C16 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C17 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C18 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C19 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C20 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C21 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C22 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C23 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C24 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C25 { get; init; }
        [Sparse(HashBuckets = 1 << 14), FmField, Deep] public string? C26 { get; init; }
    }
}
