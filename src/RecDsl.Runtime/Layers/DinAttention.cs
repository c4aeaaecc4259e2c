using RecDsl.Backend;
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
/// computes its batch statistics over real positions only. On the CPU the unit runs on the real positions only
/// (gathered, scored, scattered back; see <see cref="Packing"/>): padded positions get weight 0 whatever the unit
/// says, so their scores are never needed, and histories are often far shorter than MaxLen.</remarks>
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

    /// <summary>Whether the unit scores every position or only the real ones (default <see cref="PositionPacking.Auto"/>:
    /// packed on the CPU, padded on CUDA). Values and gradients are the same either way.</summary>
    public PositionPacking Packing { get; set; } = PositionPacking.Auto;

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
        var scores = PackedScores(query, keys, mask) ?? unit.ForwardFrom(1, FirstLayer(query, keys), mask).squeeze(-1);
        var real = mask.to_type(scores.dtype);
        Tensor weights;
        if (Softmax)
        {
            // A finite fill keeps an all-padding row finite (uniform), and the mask then zeroes it.
            weights = scores.masked_fill(mask.logical_not(), Scalars.FloatMin).softmax(-1) * real;
        }
        else
        {
            weights = scores * real;
        }
        return weights.MoveToOuterDisposeScope();
    }

    /// <summary>The unit's scores computed on the real positions only, [B, L] with 0 at padded positions; null
    /// where packing does not apply (padded by <see cref="Packing"/>, no padding to skip, or no real position at all).</summary>
    private Tensor? PackedScores(Tensor query, Tensor keys, Tensor mask)
    {
        if (!Packing.Packs(keys.device_type)) return null;
        long batch = mask.shape[0], length = mask.shape[1];
        using var scope = torch.NewDisposeScope();
        var positions = mask.reshape(-1).nonzero().squeeze(1);
        long real = positions.shape[0];
        if (real == 0 || real == batch * length) return null;
        using var lengthScalar = length.ToScalar();
        var rows = positions.div(lengthScalar, rounding_mode: RoundingMode.floor);
        var packedKeys = keys.reshape(-1, keys.shape[2]).index_select(0, positions);
        var (rowWeight, positionWeight) = FirstLayerWeights();
        var perRow = nn.functional.linear(query, rowWeight, FirstLinear.bias).index_select(0, rows);
        var perPosition = torch.cat(new[] { packedKeys, query.index_select(0, rows) * packedKeys }, -1).matmul(positionWeight);
        // All rows are real now, so Dice needs no mask: its statistics are the masked ones of the padded path.
        var packed = unit.ForwardFrom(1, perRow + perPosition, null).squeeze(-1);
        var scores = torch.zeros(batch * length, packed.dtype, packed.device).index_copy(0, positions, packed);
        return scores.view(batch, length).MoveToOuterDisposeScope();
    }

    /// <summary>The activation unit's first Linear on <c>[q, k, q - k, q * k]</c>, [B, L, H], computed as
    /// <c>(Wq + Wd) q + b</c> once per row plus <c>[Wk - Wd, Wp] [k, q * k]</c> per position (W = [Wq, Wk, Wd, Wp]
    /// by column blocks): the same function and parameters, but the query term is not repeated for every position
    /// and the [B, L, 4D] input is never built, which halves the unit's largest matmul.</summary>
    private Tensor FirstLayer(Tensor query, Tensor keys)
    {
        using var scope = torch.NewDisposeScope();
        var (rowWeight, positionWeight) = FirstLayerWeights();
        var perRow = nn.functional.linear(query, rowWeight, FirstLinear.bias);
        var perPosition = torch.cat(new[] { keys, query.unsqueeze(1) * keys }, -1).matmul(positionWeight);
        return (perPosition + perRow.unsqueeze(1)).MoveToOuterDisposeScope();
    }

    private TorchSharp.Modules.Linear FirstLinear => (TorchSharp.Modules.Linear)unit.Layers[0];

    /// <summary>The first Linear's weight W = [Wq, Wk, Wd, Wp] (column blocks) regrouped as the per-row
    /// <c>Wq + Wd</c>, [H, D], and the per-position <c>[Wk - Wd, Wp]</c> transposed, [2D, H].</summary>
    private (Tensor Row, Tensor Position) FirstLayerWeights()
    {
        var blocks = FirstLinear.weight!.split(Dim, 1);
        var (wq, wk, wd, wp) = (blocks[0], blocks[1], blocks[2], blocks[3]);
        return (wq + wd, torch.cat(new[] { wk - wd, wp }, 1).t());
    }
}
