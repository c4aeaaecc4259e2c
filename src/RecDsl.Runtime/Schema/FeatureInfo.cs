namespace RecDsl.Schema;

/// <summary>What kind of input a feature is.</summary>
public enum FeatureKind
{
    /// <summary>One categorical id per row.</summary>
    Sparse,
    /// <summary>One numeric value per row.</summary>
    Dense,
    /// <summary>A list of categorical ids per row (history or multi-hot).</summary>
    Sequence,
}

/// <summary>Which model parts see a feature.</summary>
[Flags]
public enum FeatureRoles
{
    /// <summary>No part.</summary>
    None = 0,
    /// <summary>The wide (linear) part of WideDeep.</summary>
    Wide = 1,
    /// <summary>The deep MLP.</summary>
    Deep = 2,
    /// <summary>A DeepFM field (first and second order).</summary>
    FmField = 4,
}

/// <summary>One declared feature, as data. The generator emits these from the declaration; models, collators
/// and tooling read them instead of reflecting over the record.</summary>
/// <param name="Name">The record member's name.</param>
/// <param name="Kind">Sparse, dense or sequence.</param>
/// <param name="Roles">Wide/Deep/FmField markers.</param>
/// <param name="Slot">Column of this feature within its kind's block of a batch: the column of
/// <see cref="Batching.FeatureBatch.SparseRows"/>, of <see cref="Batching.FeatureBatch.Dense"/>, or the index
/// into <see cref="Batching.FeatureBatch.SequenceRows"/>.</param>
/// <param name="Table">Embedding table name; features with the same name share one table. A targeted
/// sequence uses its target's table. Empty for dense features.</param>
/// <param name="Cardinality">Number of distinct real ids (Vocab or HashBuckets); the table has
/// <see cref="EmbeddingRows.Reserved"/> more rows. Zero for dense features.</param>
/// <param name="EmbeddingDim">Embedding dimension (resolved: the feature's override or the model's default).</param>
/// <param name="MaxLen">Sequences: maximum kept length. Zero otherwise.</param>
/// <param name="Pooling">Sequences without attention: how they are pooled.</param>
/// <param name="Target">Targeted sequences: the member name of the sparse feature they pair with.</param>
/// <param name="Oov">What happens to out-of-range or unseen ids.</param>
/// <param name="Hashed">Ids come from a stable hash into <paramref name="Cardinality"/> buckets.</param>
public sealed record FeatureInfo(
    string Name,
    FeatureKind Kind,
    FeatureRoles Roles,
    int Slot,
    string Table,
    long Cardinality,
    int EmbeddingDim,
    int MaxLen = 0,
    Pooling Pooling = Pooling.Mean,
    string? Target = null,
    OovPolicy Oov = OovPolicy.Bucket,
    bool Hashed = false)
{
    /// <summary>True when the feature carries the given role.</summary>
    public bool Has(FeatureRoles role) => (Roles & role) == role;

    /// <summary>Rows of this feature's embedding table (real ids plus the reserved padding and OOV rows).</summary>
    public long TableRows => Cardinality + EmbeddingRows.Reserved;
}
