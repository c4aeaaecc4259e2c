using RecDsl;

namespace DeepFmCriteo;

/// <summary>
/// One ad impression in the shape of the Criteo display-ads data (the header of Criteo's CSV samples: label, I1-I13,
/// C1-C26): 13 integer counts, 26 categorical columns (hashed 32-bit ids written as 8 hex digits) and whether the ad
/// was clicked. Empty fields are allowed: a missing count reads as null, a missing id as null (the OOV row).
/// </summary>
/// <remarks>
/// The counts are long-tailed, so the model reads log(1 + count) (LogI1-LogI13, computed properties; the CSV reader
/// fills I1-I13 and leaves them alone). Every feature is an FM field, so DeepFM learns a first-order weight and an
/// embedding for each value and all their pairwise interactions; the deep MLP reads the same embeddings plus the
/// logarithms. The categorical columns are hashed into 4096 buckets each: no vocabulary to fit, and an id never
/// seen in training still gets a bucket.
/// </remarks>
[DeepFM(EmbeddingDim = 16, Hidden = new[] { 64, 32 })]
public sealed record CriteoAd
{
    [Label, Column("label")] public bool Clicked { get; init; }

    // Raw counts, read from the file but not features themselves ([Column] alone).
    [Column("I1")] public float? I1 { get; init; }
    [Column("I2")] public float? I2 { get; init; }
    [Column("I3")] public float? I3 { get; init; }
    [Column("I4")] public float? I4 { get; init; }
    [Column("I5")] public float? I5 { get; init; }
    [Column("I6")] public float? I6 { get; init; }
    [Column("I7")] public float? I7 { get; init; }
    [Column("I8")] public float? I8 { get; init; }
    [Column("I9")] public float? I9 { get; init; }
    [Column("I10")] public float? I10 { get; init; }
    [Column("I11")] public float? I11 { get; init; }
    [Column("I12")] public float? I12 { get; init; }
    [Column("I13")] public float? I13 { get; init; }

    // The features: log(1 + count), a missing or negative count counting as 0.
    [Dense, FmField, Deep] public float LogI1 => Log1p(I1);
    [Dense, FmField, Deep] public float LogI2 => Log1p(I2);
    [Dense, FmField, Deep] public float LogI3 => Log1p(I3);
    [Dense, FmField, Deep] public float LogI4 => Log1p(I4);
    [Dense, FmField, Deep] public float LogI5 => Log1p(I5);
    [Dense, FmField, Deep] public float LogI6 => Log1p(I6);
    [Dense, FmField, Deep] public float LogI7 => Log1p(I7);
    [Dense, FmField, Deep] public float LogI8 => Log1p(I8);
    [Dense, FmField, Deep] public float LogI9 => Log1p(I9);
    [Dense, FmField, Deep] public float LogI10 => Log1p(I10);
    [Dense, FmField, Deep] public float LogI11 => Log1p(I11);
    [Dense, FmField, Deep] public float LogI12 => Log1p(I12);
    [Dense, FmField, Deep] public float LogI13 => Log1p(I13);

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

    private static float Log1p(float? count) => MathF.Log(1 + MathF.Max(0, count ?? 0));
}
