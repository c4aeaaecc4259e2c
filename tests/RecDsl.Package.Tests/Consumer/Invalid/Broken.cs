using RecDsl;

namespace Consumer;

// No [Label]: RDSL0001.
[DeepFM]
public sealed record Broken
{
    [Sparse(Vocab = 10), FmField, Deep] public int A { get; init; }
    [Sparse(Vocab = 10), FmField, Deep] public int B { get; init; }
}
