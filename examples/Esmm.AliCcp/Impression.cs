using RecDsl;

namespace EsmmAliCcp;

/// <summary>
/// One ad impression in the shape of Ali-CCP (Alibaba click and conversion prediction): who saw which item, its
/// category and price, whether the user clicked, and whether the user then bought it.
/// </summary>
/// <remarks>
/// ESMM trains on every impression: pCTR against the click, and pCTCVR = pCTR x pCVR against click-and-purchase,
/// so the conversion model never needs a sample restricted to clicks. <see cref="Purchased"/> is observed over all
/// impressions and can only be true after a click. Both towers share the embeddings.
/// </remarks>
[Esmm(EmbeddingDim = 8, CtrHidden = new[] { 64, 32 }, CvrHidden = new[] { 64, 32 })]
public sealed record Impression
{
    [Sparse(Vocab = 1000), Deep] public int UserId { get; init; }
    [Sparse(Vocab = 8), Deep] public int UserSegment { get; init; }
    [Sparse(Vocab = 1000), Deep] public int ItemId { get; init; }
    [Sparse(Vocab = 50), Deep] public int CategoryId { get; init; }
    [Dense, Deep] public float LogPrice { get; init; }

    [ClickLabel] public bool Clicked { get; init; }
    [ConversionLabel] public bool Purchased { get; init; }
}
