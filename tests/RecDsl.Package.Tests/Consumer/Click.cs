using RecDsl;

namespace Consumer;

[DeepFM(EmbeddingDim = 4, Hidden = new[] { 8 })]
public sealed record Click
{
    [Sparse(Vocab = 10), FmField, Deep] public int UserId { get; init; }
    [Sparse(HashBuckets = 64), FmField, Deep] public string Item { get; init; } = "";
    [Dense, Deep] public float Price { get; init; }
    [Label] public bool Clicked { get; init; }
}
