using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Models;

public class DinNetworkTests
{
    private const FeatureRoles Deep = FeatureRoles.Deep;

    // Category is declared before Item, and the histories in the opposite order: pairing must go by name.
    private static readonly FeatureSchema Full = new SchemaBuilder()
        .Sparse("Cate", 5, 2, Deep)
        .Sparse("Item", 10, 4, Deep)
        .Sparse("User", 6, 4, Deep)
        .Dense("Price", Deep)
        .History("ItemHist", "Item", 4, Deep)
        .History("CateHist", "Cate", 4, Deep)
        .History("ShortHist", "Item", 2, Deep)
        .Sequence("Tags", 5, 4, 3, Deep)
        .Build();

    private static readonly DinOptions SmallOptions = new() { Hidden = new[] { 6 }, AttentionHidden = new[] { 5 } };

    [Fact]
    public void Histories_pair_with_their_targets_by_name_and_same_length_histories_are_attended_jointly()
    {
        using var net = new DinNetwork(Full, SmallOptions);
        Assert.Collection(net.AttentionGroups,
            g =>
            {
                Assert.Equal(new[] { "ItemHist", "CateHist" }, g.Sequences.Select(s => s.Name));
                Assert.Equal(new[] { "Item", "Cate" }, g.Targets.Select(t => t.Name));
                Assert.Equal(6, g.Dim);
            },
            g =>
            {
                Assert.Equal("ShortHist", Assert.Single(g.Sequences).Name);
                Assert.Equal("Item", Assert.Single(g.Targets).Name);
                Assert.Equal(4, g.Dim);
            });
        Assert.Equal(2, net.Attentions.Count);
        // Top MLP: Cate 2 + Item 4 + User 4 + pooled Tags 4 + Price 1 + interests 6 + 4.
        Assert.Equal(25, net.Mlp.InputSize);
    }

    [Fact]
    public void Joint_attention_matches_a_loop_reference()
    {
        using var scope = torch.NewDisposeScope();
        // Targets are not [Deep]: the top MLP sees only the interest vector.
        var schema = new SchemaBuilder()
            .Sparse("Cate", 5, 2, FeatureRoles.None)
            .Sparse("Item", 10, 4, FeatureRoles.None)
            .History("ItemHist", "Item", 4, Deep)
            .History("CateHist", "Cate", 4, Deep)
            .Build();
        using var net = new DinNetwork(schema, SmallOptions with { EmbeddingInitStd = 0.5 });
        net.train();
        foreach (var p in net.named_parameters().Where(p => p.name.Contains("alpha"))) Randomize(p.parameter, 301, 0.5);
        const int n = 8;
        var data = new Synthetic(schema, n, 302, oovRate: 0.2);
        using var batch = data.Batch();
        var output = net.call(batch);

        var item = net.Embeddings.GroupOf(schema["Item"]);
        var cate = net.Embeddings.GroupOf(schema["Cate"]);
        double[] E(RecDsl.Layers.FusedEmbedding g, string table, long row)
        {
            var w = Values(g.Weight);
            return Enumerable.Range(0, g.Dim).Select(d => w[(g.RowOffset(table) + row) * g.Dim + d]).ToArray();
        }
        const int L = 4, D = 6;
        var unitInput = new double[n * L * 4 * D];
        var mask = new bool[n * L];
        var keys = new double[n * L * D];
        for (int b = 0; b < n; b++)
        {
            var q = E(item, "Item", data.Sparse[b * 2 + 1]).Concat(E(cate, "Cate", data.Sparse[b * 2])).ToArray();
            for (int l = 0; l < L; l++)
            {
                long hi = data.Histories[0][b, l], hc = data.Histories[1][b, l];
                mask[b * L + l] = hi != 0 || hc != 0;
                // A member's padding contributes zeros even where the other member is real.
                var k = (hi != 0 ? E(item, "Item", hi) : new double[4]).Concat(hc != 0 ? E(cate, "Cate", hc) : new double[2]).ToArray();
                k.CopyTo(keys, (b * L + l) * D);
                for (int d = 0; d < D; d++)
                {
                    var row = (b * L + l) * 4 * D;
                    unitInput[row + d] = q[d];
                    unitInput[row + D + d] = k[d];
                    unitInput[row + 2 * D + d] = q[d] - k[d];
                    unitInput[row + 3 * D + d] = q[d] * k[d];
                }
            }
        }
        var scores = ReferenceMlp.Run(net.Attentions[0].Unit, unitInput, n * L, mask);
        var interest = new double[n * D];
        for (int b = 0; b < n; b++)
            for (int l = 0; l < L; l++)
                if (mask[b * L + l])
                    for (int d = 0; d < D; d++)
                        interest[b * D + d] += scores[b * L + l] * keys[(b * L + l) * D + d];
        Close(ReferenceMlp.Run(net.Mlp, interest, n), output, 1e-4, 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Padding_rows_never_contribute_even_with_dice_batch_statistics(bool softmax)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new DinNetwork(Full, SmallOptions with { AttentionSoftmax = softmax });
        net.train();
        using var batch = new Synthetic(Full, 16, 303).Batch();
        var before = net.call(batch);
        Finite(before);
        Synthetic.FillPaddingRows(net, 1000);
        Same(before, net.call(batch), 1e-5);
    }

    [Fact]
    public void Backward_reaches_every_parameter_with_empty_histories_in_the_batch()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new DinNetwork(Full, SmallOptions with { BatchNorm = true, Dropout = 0.1 });
        var data = new Synthetic(Full, 24, 304);
        Assert.Contains(Enumerable.Range(0, 24), b => data.Histories[0][b, 0] == 0); // some empty history
        using var batch = data.Batch(label: Enumerable.Range(0, 24).Select(i => (float)(i % 2)).ToArray());
        Synthetic.BackwardReachesEveryParameter(net, batch);
        net.eval();
        Finite(net.call(batch));
    }

    [Fact]
    public void Loss_falls_when_the_label_depends_on_target_history_similarity()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var schema = new SchemaBuilder()
            .Sparse("Item", 10, 4, Deep)
            .History("Items", "Item", 5, Deep)
            .Build();
        using var net = new DinNetwork(schema, new DinOptions { Hidden = new[] { 16, 8 }, AttentionHidden = new[] { 16 } });
        var data = new Synthetic(schema, 256, 305, oovRate: 0);
        var labels = Enumerable.Range(0, 256).Select(b =>
            Enumerable.Range(0, 5).Any(l => data.Histories[0][b, l] == data.Sparse[b]) ? 1f : 0f).ToArray();
        using var batch = data.Batch(label: labels);
        var (first, last) = Synthetic.Train(net, batch, 100, 0.03);
        Assert.True(last < 0.6 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void Weights_and_dice_running_statistics_round_trip_through_save_and_load()
    {
        using var scope = torch.NewDisposeScope();
        var data = new Synthetic(Full, 32, 306);
        using var batch = data.Batch(label: Enumerable.Range(0, 32).Select(i => (float)(i % 2)).ToArray());
        using var trained = new DinNetwork(Full, SmallOptions);
        Synthetic.Train(trained, batch, 3, 0.05); // moves weights and Dice running statistics
        var saved = new MemoryStream();
        trained.save(saved); // closes the stream; ToArray still works
        using var loaded = new DinNetwork(Full, SmallOptions);
        loaded.load(new MemoryStream(saved.ToArray()));
        trained.eval();
        loaded.eval();
        Same(trained.call(batch), loaded.call(batch), 0);
    }

    [Fact]
    public void A_schema_without_targeted_histories_is_rejected()
    {
        var schema = new SchemaBuilder().Sparse("A", 3, 4, Deep).Sequence("S", 3, 4, 2, Deep).Build();
        Assert.Throws<ArgumentException>(() => new DinNetwork(schema));
    }
}
