namespace RecDsl;

/// <summary>Where feature attributes may go: properties, and positional-record parameters
/// (with or without the <c>property:</c> target).</summary>
internal static class FeatureTargets
{
    public const AttributeTargets Members = AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field;
}

/// <summary>A categorical id embedded through a table. Integral, enum, bool or string member.
/// Give exactly one of <see cref="Vocab"/> and <see cref="HashBuckets"/> (enums and bools may omit both:
/// their vocabulary is inferred from their values).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class SparseAttribute : Attribute
{
    /// <summary>Ids are in [0, Vocab). For a string member, the size of the fitted vocabulary.</summary>
    public int Vocab { get; set; }

    /// <summary>Hash strings/longs with a stable hash (XxHash64) into this many buckets.</summary>
    public int HashBuckets { get; set; }

    /// <summary>Overrides the model's embedding dimension for this feature (0 = the model's).</summary>
    public int EmbeddingDim { get; set; }

    /// <summary>Features with the same table name share one embedding table.</summary>
    public string? Table { get; set; }

    /// <summary>What to do with an out-of-range or unseen id.</summary>
    public OovPolicy Oov { get; set; } = OovPolicy.Bucket;
}

/// <summary>A numeric value (float, double, int, long) fed to the model as is.</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Value used instead of NaN/Inf/missing. Unset (NaN) means such a value is an error.</summary>
    public double Default { get; set; } = double.NaN;
}

/// <summary>A behaviour history or multi-hot list: an array, list or read-only list of ids.
/// With <see cref="Target"/> it shares the target's embedding table and DIN attends over it with the target
/// as the query; without, it is pooled with <see cref="Pooling"/>. Longer lists keep the most recent
/// <see cref="MaxLen"/> items (the end of the list).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class SequenceAttribute : Attribute
{
    /// <summary>The <see cref="SparseAttribute"/> member this history pairs with; write <c>nameof(Member)</c>.</summary>
    public string? Target { get; set; }

    /// <summary>Ids are in [0, Vocab). Leave unset when <see cref="Target"/> is set (the target's is used).</summary>
    public int Vocab { get; set; }

    /// <summary>Hash string/long items into this many buckets instead of a vocabulary.</summary>
    public int HashBuckets { get; set; }

    /// <summary>Maximum number of items kept (the most recent ones).</summary>
    public int MaxLen { get; set; } = 50;

    /// <summary>Reduction when no attention applies.</summary>
    public Pooling Pooling { get; set; } = Pooling.Mean;

    /// <summary>Overrides the model's embedding dimension (0 = the model's, or the target's).</summary>
    public int EmbeddingDim { get; set; }

    /// <summary>Features with the same table name share one embedding table.</summary>
    public string? Table { get; set; }

    /// <summary>What to do with an out-of-range or unseen id.</summary>
    public OovPolicy Oov { get; set; } = OovPolicy.Bucket;
}
