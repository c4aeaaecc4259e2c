using RecDsl;

namespace Fixtures;

/// <summary>The record of the file-format fixtures (tests/fixtures/models): a saved model and a training checkpoint
/// written by an earlier RecDsl, which this one must read. Do not change it: a changed declaration is refused (by
/// design), and the fixtures would have to be written again by the old code.</summary>
[DeepFM(EmbeddingDim = 4, Hidden = new[] { 8 }, Dropout = 0.1)]
public sealed record FormatClick
{
    [Sparse(Vocab = 50), FmField, Deep] public int UserId { get; init; }
    [Sparse(Vocab = 20), FmField, Deep] public string Category { get; init; } = "";
    [Sparse(HashBuckets = 64), FmField, Deep] public string? Site { get; init; }
    [Dense, FmField, Deep] public float Price { get; init; }
    [Label] public bool Clicked { get; init; }

    /// <summary>The fixtures' records: a fixed function of the index, no random generator.</summary>
    public static FormatClick[] Rows(int n) => Enumerable.Range(0, n).Select(i => new FormatClick
    {
        UserId = i * 7 % 53, Category = "c" + (i * 3 % 11), Site = i % 9 == 0 ? null : "s" + (i * 5 % 17),
        Price = i % 13 / 13f, Clicked = (i * 7 % 53 + i * 3 % 11) % 3 == 0,
    }).ToArray();
}
