using RecDsl.Batching;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Baselines;

/// <summary>
/// DIN in torch-rechub's layout: one <c>nn.Embedding</c> per feature (user, item, category; the histories share the
/// item and category tables, torch-rechub's <c>shared_with</c>), five lookups per batch, dense Adam. The attention
/// unit and the MLP are RecDsl's own layers with the settings of <see cref="Models.DinNetwork"/>, so the comparison
/// measures the embedding layout and the optimizer only.
/// </summary>
public sealed class PerFieldDin : nn.Module<FeatureBatch, Tensor>
{
    private readonly Embedding users;
    private readonly Embedding items;
    private readonly Embedding categories;
    private readonly DinAttention attention;
    private readonly Mlp mlp;

    public PerFieldDin(IReadOnlyList<int> hidden, IReadOnlyList<int> attentionHidden, Activation activation) : base(nameof(PerFieldDin))
    {
        const int dim = AmazonShape.EmbeddingDim;
        users = Table(AmazonShape.Users, dim);
        items = Table(AmazonShape.Items, dim);
        categories = Table(AmazonShape.Categories, dim);
        attention = new DinAttention(2 * dim, attentionHidden, activation, softmax: false);
        mlp = new Mlp(5 * dim, hidden, activation, 0, false, 1);
        RegisterComponents();
    }

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
