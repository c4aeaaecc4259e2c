using RecDsl.Batching;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Baselines;

/// <summary>
/// DIN in torch-rechub's layout: one <c>nn.Embedding</c> per feature (user, item, category; the histories share the
/// item and category tables, torch-rechub's <c>shared_with</c>), five lookups per batch, the attention unit over
/// every history position on the concatenated [B, L, 4D] input (<see cref="ConcatActivationUnit"/>), dense Adam.
/// It computes the same function as <see cref="Models.DinNetwork"/> (tested in RecDsl.Benchmarks.Tests): item and
/// category attended jointly as in the paper, masked, MLP 200-80 with Dice.
/// </summary>
/// <remarks>With <c>recDslAttention</c> the attention is RecDsl's own <see cref="DinAttention"/> instead, so that a
/// second ratio isolates the embedding layout and the optimizer from the attention computation.</remarks>
public sealed class PerFieldDin : nn.Module<FeatureBatch, Tensor>
{
    private readonly Embedding users;
    private readonly Embedding items;
    private readonly Embedding categories;
    private readonly nn.Module<Tensor, Tensor, Tensor, Tensor> attention;
    private readonly Mlp mlp;

    public PerFieldDin(IReadOnlyList<int> hidden, IReadOnlyList<int> attentionHidden, Activation activation, bool recDslAttention = false)
        : base(nameof(PerFieldDin))
    {
        const int dim = AmazonShape.EmbeddingDim;
        users = Table(AmazonShape.Users, dim);
        items = Table(AmazonShape.Items, dim);
        categories = Table(AmazonShape.Categories, dim);
        attention = recDslAttention
            ? new DinAttention(2 * dim, attentionHidden, activation, softmax: false)
            : new ConcatActivationUnit(2 * dim, attentionHidden, activation);
        mlp = new Mlp(5 * dim, hidden, activation, 0, false, 1);
        RegisterComponents();
    }

    public Embedding Users => users;
    public Embedding Items => items;
    public Embedding Categories => categories;
    public Mlp Mlp => mlp;

    /// <summary>The attention unit's MLP, whichever attention computes it.</summary>
    public Mlp AttentionUnit => attention switch
    {
        DinAttention din => din.Unit,
        ConcatActivationUnit concat => concat.Unit,
        _ => throw new InvalidOperationException(),
    };

    private static Embedding Table(long cardinality, int dim)
    {
        var table = nn.Embedding(cardinality + Schema.EmbeddingRows.Reserved, dim);
        using (no_grad()) table.weight!.normal_(0, 0.01);
        return table;
    }

    /// <summary>Logits [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        var user = users.call(batch.SparseRows.select(1, 0));
        var item = items.call(batch.SparseRows.select(1, 1));
        var category = categories.call(batch.SparseRows.select(1, 2));
        var itemMask = batch.SequenceMask(0);
        var categoryMask = batch.SequenceMask(1);
        var keys = cat([items.call(batch.SequenceRows[0]) * itemMask.unsqueeze(-1),
            categories.call(batch.SequenceRows[1]) * categoryMask.unsqueeze(-1)], -1);
        var interest = attention.call(cat([item, category], -1), keys, itemMask.logical_or(categoryMask));
        return mlp.call(cat([user, item, category, interest], 1)).squeeze(-1).MoveToOuterDisposeScope();
    }
}
