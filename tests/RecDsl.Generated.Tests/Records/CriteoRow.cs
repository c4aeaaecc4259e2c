using RecDsl;

namespace Criteo
{
    /// <summary>The Criteo shape: 13 dense counts and 26 categorical ids (already integer-coded).</summary>
    [DeepFM(EmbeddingDim = 16, Hidden = new[] { 400, 400, 400 })]
    public sealed record CriteoRow
    {
        [Label] public bool Clicked { get; init; }
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
        [Sparse(Vocab = 100_000), FmField, Deep] public int C1 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C2 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C3 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C4 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C5 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C6 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C7 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C8 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C9 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C10 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C11 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C12 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C13 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C14 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C15 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C16 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C17 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C18 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C19 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C20 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C21 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C22 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C23 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C24 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C25 { get; init; }
        [Sparse(Vocab = 100_000), FmField, Deep] public int C26 { get; init; }
    }
}
