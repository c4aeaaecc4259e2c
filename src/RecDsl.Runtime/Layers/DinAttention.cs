using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// The DIN activation unit with masked pooling: for each history position <c>l</c>,
/// <c>a_l = MLP([q, k_l, q - k_l, q * k_l])</c>, and the interest vector is <c>sum_l a_l k_l</c> over the real
/// positions only. Scores stay unnormalised as in the paper unless <c>softmax</c> is set (then a masked softmax).
/// Padded positions get weight 0 and no gradient; an empty history gives a zero vector, never NaN.
/// </summary>
/// <remarks>The activation unit has no BatchNorm (as in the paper and DeepCTR-Torch); a Dice activation
/// computes its batch statistics over real positions only.</remarks>
public sealed class DinAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Mlp unit;

    /// <summary>Creates the attention for queries and keys of size <paramref name="dim"/>.</summary>
    /// <param name="dim">Size of the query and of each key.</param>
    /// <param name="hidden">Hidden sizes of the activation unit.</param>
    /// <param name="activation">Activation of the activation unit (Dice in the paper).</param>
    /// <param name="softmax">Normalise the scores with a masked softmax over the history.</param>
    /// <param name="name">Module name.</param>
    public DinAttention(long dim, IReadOnlyList<int> hidden, Activation activation = Activation.Dice, bool softmax = false,
        string name = nameof(DinAttention)) : base(BackendFirst.Name(name))
    {
        Dim = dim;
        Softmax = softmax;
        unit = new Mlp(4 * dim, hidden, activation, dropout: 0, batchNorm: false, output: 1, name: "unit");
        RegisterComponents();
    }

    /// <summary>Size of the query and of each key.</summary>
    public long Dim { get; }

    /// <summary>True when scores go through a masked softmax.</summary>
    public bool Softmax { get; }

    /// <summary>The activation unit: MLP(4·Dim -> hidden -> 1).</summary>
    public Mlp Unit => unit;

    /// <summary>Attends <paramref name="keys"/> [B, L, D] with <paramref name="query"/> [B, D] over the positions
    /// where <paramref name="mask"/> [B, L] (Bool) is true; returns [B, D].</summary>
    public override Tensor forward(Tensor query, Tensor keys, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var weights = Weights(query, keys, mask);
        return weights.unsqueeze(1).bmm(keys).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>The attention weight of every position, [B, L]; exactly 0 where <paramref name="mask"/> is false.</summary>
    public Tensor Weights(Tensor query, Tensor keys, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var scores = unit.ForwardFrom(1, FirstLayer(query, keys), mask).squeeze(-1);
        var real = mask.to_type(scores.dtype);
        Tensor weights;
        if (Softmax)
        {
            // A finite fill keeps an all-padding row finite (uniform), and the mask then zeroes it.
            weights = scores.masked_fill(mask.logical_not(), float.MinValue).softmax(-1) * real;
        }
        else
        {
            weights = scores * real;
        }
        return weights.MoveToOuterDisposeScope();
    }

    /// <summary>The activation unit's first Linear on <c>[q, k, q - k, q * k]</c>, [B, L, H], computed as
    /// <c>(Wq + Wd) q + b</c> once per row plus <c>[Wk - Wd, Wp] [k, q * k]</c> per position (W = [Wq, Wk, Wd, Wp]
    /// by column blocks): the same function and parameters, but the query term is not repeated for every position
    /// and the [B, L, 4D] input is never built, which halves the unit's largest matmul.</summary>
    private Tensor FirstLayer(Tensor query, Tensor keys)
    {
        using var scope = torch.NewDisposeScope();
        var linear = (TorchSharp.Modules.Linear)unit.Layers[0];
        var blocks = linear.weight!.split(Dim, 1);
        var (wq, wk, wd, wp) = (blocks[0], blocks[1], blocks[2], blocks[3]);
        var perRow = nn.functional.linear(query, wq + wd, linear.bias);
        var perPosition = torch.cat(new[] { keys, query.unsqueeze(1) * keys }, -1).matmul(torch.cat(new[] { wk - wd, wp }, 1).t());
        return (perPosition + perRow.unsqueeze(1)).MoveToOuterDisposeScope();
    }
}
