using RecDsl.Benchmarks.Shapes;

namespace RecDsl.Benchmarks.Collators;

/// <summary>
/// A Criteo row as a user declares it: 26 sparse ints, 13 dense floats, a click label, with the cardinalities of
/// <see cref="CriteoShape"/> (the large fields arrive already hashed into 300,000 buckets). The collator benchmarks
/// turn lists of these into batches. When the benchmark project references the generator, it emits
/// <c>CriteoRowCollator</c>, <c>CriteoRowSchema</c> and <c>CriteoRowDeepFM</c> for this declaration.
/// </summary>
[DeepFM(EmbeddingDim = 16, Hidden = new[] { 400, 400, 400 })]
public sealed record CriteoRow
{
    [Sparse(Vocab = 1_460), FmField, Deep] public int C1 { get; init; }
    [Sparse(Vocab = 583), FmField, Deep] public int C2 { get; init; }
    [Sparse(Vocab = 300_000), FmField, Deep] public int C3 { get; init; }
    [Sparse(Vocab = 300_000), FmField, Deep] public int C4 { get; init; }
    [Sparse(Vocab = 305), FmField, Deep] public int C5 { get; init; }
    [Sparse(Vocab = 24), FmField, Deep] public int C6 { get; init; }
    [Sparse(Vocab = 12_517), FmField, Deep] public int C7 { get; init; }
    [Sparse(Vocab = 633), FmField, Deep] public int C8 { get; init; }
    [Sparse(Vocab = 3), FmField, Deep] public int C9 { get; init; }
    [Sparse(Vocab = 93_145), FmField, Deep] public int C10 { get; init; }
    [Sparse(Vocab = 5_683), FmField, Deep] public int C11 { get; init; }
    [Sparse(Vocab = 300_000), FmField, Deep] public int C12 { get; init; }
    [Sparse(Vocab = 3_194), FmField, Deep] public int C13 { get; init; }
    [Sparse(Vocab = 27), FmField, Deep] public int C14 { get; init; }
    [Sparse(Vocab = 14_992), FmField, Deep] public int C15 { get; init; }
    [Sparse(Vocab = 300_000), FmField, Deep] public int C16 { get; init; }
    [Sparse(Vocab = 10), FmField, Deep] public int C17 { get; init; }
    [Sparse(Vocab = 5_652), FmField, Deep] public int C18 { get; init; }
    [Sparse(Vocab = 2_173), FmField, Deep] public int C19 { get; init; }
    [Sparse(Vocab = 4), FmField, Deep] public int C20 { get; init; }
    [Sparse(Vocab = 300_000), FmField, Deep] public int C21 { get; init; }
    [Sparse(Vocab = 18), FmField, Deep] public int C22 { get; init; }
    [Sparse(Vocab = 15), FmField, Deep] public int C23 { get; init; }
    [Sparse(Vocab = 286_181), FmField, Deep] public int C24 { get; init; }
    [Sparse(Vocab = 105), FmField, Deep] public int C25 { get; init; }
    [Sparse(Vocab = 142_572), FmField, Deep] public int C26 { get; init; }
    [Dense, Deep] public float I1 { get; init; }
    [Dense, Deep] public float I2 { get; init; }
    [Dense, Deep] public float I3 { get; init; }
    [Dense, Deep] public float I4 { get; init; }
    [Dense, Deep] public float I5 { get; init; }
    [Dense, Deep] public float I6 { get; init; }
    [Dense, Deep] public float I7 { get; init; }
    [Dense, Deep] public float I8 { get; init; }
    [Dense, Deep] public float I9 { get; init; }
    [Dense, Deep] public float I10 { get; init; }
    [Dense, Deep] public float I11 { get; init; }
    [Dense, Deep] public float I12 { get; init; }
    [Dense, Deep] public float I13 { get; init; }
    [Label] public bool Label { get; init; }

    /// <summary><paramref name="count"/> random rows (ids as in <see cref="CriteoShape.Batch"/>).</summary>
    public static CriteoRow[] Random(int count, int seed)
    {
        var random = new System.Random(seed);
        var rows = new CriteoRow[count];
        for (int r = 0; r < count; r++) rows[r] = new CriteoRow
        {
            C1 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[0]),
            C2 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[1]),
            C3 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[2]),
            C4 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[3]),
            C5 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[4]),
            C6 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[5]),
            C7 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[6]),
            C8 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[7]),
            C9 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[8]),
            C10 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[9]),
            C11 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[10]),
            C12 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[11]),
            C13 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[12]),
            C14 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[13]),
            C15 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[14]),
            C16 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[15]),
            C17 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[16]),
            C18 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[17]),
            C19 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[18]),
            C20 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[19]),
            C21 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[20]),
            C22 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[21]),
            C23 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[22]),
            C24 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[23]),
            C25 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[24]),
            C26 = (int)CriteoShape.DrawId(random, CriteoShape.Cardinalities[25]),
            I1 = (float)random.NextDouble(),
            I2 = (float)random.NextDouble(),
            I3 = (float)random.NextDouble(),
            I4 = (float)random.NextDouble(),
            I5 = (float)random.NextDouble(),
            I6 = (float)random.NextDouble(),
            I7 = (float)random.NextDouble(),
            I8 = (float)random.NextDouble(),
            I9 = (float)random.NextDouble(),
            I10 = (float)random.NextDouble(),
            I11 = (float)random.NextDouble(),
            I12 = (float)random.NextDouble(),
            I13 = (float)random.NextDouble(),
            Label = random.NextDouble() < 0.25,
        };
        return rows;
    }
}
