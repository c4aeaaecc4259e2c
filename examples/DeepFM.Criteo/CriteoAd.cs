using RecDsl;

namespace DeepFmCriteo;

/// <summary>
/// One ad impression in the shape of the Criteo display-ads data: 13 numeric columns (I1-I13, counts; here already
/// log(1 + count), the usual preprocessing), 26 categorical columns (C1-C26, hashed 32-bit ids written as 8 hex
/// digits) and whether the ad was clicked.
/// </summary>
/// <remarks>
/// Every column is an FM field, so DeepFM learns a first-order weight and an embedding for each value and all their
/// pairwise interactions; the deep MLP reads the same embeddings plus the raw numbers. The categorical columns are
/// hashed into 4096 buckets each: no vocabulary to fit, and an id never seen in training still gets a bucket.
/// </remarks>
[DeepFM(EmbeddingDim = 16, Hidden = new[] { 64, 32 })]
public sealed record CriteoAd
{
    [Label] public bool Clicked { get; init; }

    [Dense, FmField, Deep] public float I1 { get; init; }
    [Dense, FmField, Deep] public float I2 { get; init; }
    [Dense, FmField, Deep] public float I3 { get; init; }
    [Dense, FmField, Deep] public float I4 { get; init; }
    [Dense, FmField, Deep] public float I5 { get; init; }
    [Dense, FmField, Deep] public float I6 { get; init; }
    [Dense, FmField, Deep] public float I7 { get; init; }
    [Dense, FmField, Deep] public float I8 { get; init; }
    [Dense, FmField, Deep] public float I9 { get; init; }
    [Dense, FmField, Deep] public float I10 { get; init; }
    [Dense, FmField, Deep] public float I11 { get; init; }
    [Dense, FmField, Deep] public float I12 { get; init; }
    [Dense, FmField, Deep] public float I13 { get; init; }

    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C1 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C2 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C3 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C4 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C5 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C6 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C7 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C8 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C9 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C10 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C11 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C12 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C13 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C14 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C15 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C16 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C17 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C18 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C19 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C20 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C21 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C22 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C23 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C24 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C25 { get; init; }
    [Sparse(HashBuckets = 4096), FmField, Deep] public string? C26 { get; init; }
}
