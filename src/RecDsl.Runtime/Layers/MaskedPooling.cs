using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// Reduces a padded sequence of embeddings to one vector per row, counting only the real positions. A row with
/// no real position gives zeros (never NaN), and padded positions get exactly zero gradient.
/// </summary>
public static class MaskedPooling
{
    /// <summary>Pools <paramref name="embeddings"/> [B, L, D] over the positions where <paramref name="mask"/>
    /// [B, L] (Bool) is true; returns [B, D].</summary>
    public static Tensor Pool(Tensor embeddings, Tensor mask, Pooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        var result = pooling switch
        {
            Pooling.Sum => Sum(embeddings, mask),
            // Clamping the count at 1 turns 0/0 into 0/1 = 0 for an empty row.
            Pooling.Mean => Sum(embeddings, mask) / mask.sum(1, keepdim: true, type: embeddings.dtype).clamp_min(Scalars.One),
            Pooling.Max => Max(embeddings, mask),
            _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor Sum(Tensor embeddings, Tensor mask) =>
        (embeddings * mask.unsqueeze(-1).to_type(embeddings.dtype)).sum(1);

    private static Tensor Max(Tensor embeddings, Tensor mask)
    {
        var real = mask.unsqueeze(-1);
        // Padded positions can never win the max; an empty row is all -inf, replaced by 0 (and its gradient by 0).
        var max = embeddings.masked_fill(real.logical_not(), Scalars.NegativeInfinity).amax(new long[] { 1 });
        return torch.where(mask.any(1, keepdim: true), max, torch.zeros_like(max));
    }
}
