using RecDsl.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Baselines;

/// <summary>
/// DIN attention computed the way torch-rechub's <c>ActivationUnit</c> (and DeepCTR-Torch's
/// <c>AttentionSequencePoolingLayer</c>) computes it: the query expanded to every position, the
/// <c>[q, k, q - k, q * k]</c> block built as [B, L, 4D], the unit's MLP run over every position, padding included,
/// then the weighted sum of the keys. To compute the same function as <see cref="DinAttention"/> (so that a ratio
/// measures the computation, not the model) it masks the scores and gives Dice the mask, which torch-rechub does
/// not do; that costs one multiplication and does not change the work done per position.
/// </summary>
public sealed class ConcatActivationUnit : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Mlp unit;

    public ConcatActivationUnit(long dim, IReadOnlyList<int> hidden, Activation activation) : base(nameof(ConcatActivationUnit))
    {
        unit = new Mlp(4 * dim, hidden, activation, dropout: 0, batchNorm: false, output: 1, name: "unit");
        RegisterComponents();
    }

    /// <summary>The activation unit, laid out as <see cref="DinAttention.Unit"/>.</summary>
    public Mlp Unit => unit;

    /// <summary>Interest vector [B, D] of keys [B, L, D] for queries [B, D] over the positions where mask [B, L] is true.</summary>
    public override Tensor forward(Tensor query, Tensor keys, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var q = query.unsqueeze(1).expand_as(keys);
        var input = cat([q, keys, q - keys, q * keys], -1);
        var weights = unit.forward(input, mask).squeeze(-1) * mask.to_type(keys.dtype);
        return weights.unsqueeze(1).bmm(keys).squeeze(1).MoveToOuterDisposeScope();
    }
}
