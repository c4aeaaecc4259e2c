using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Models;

public class DeepFmNetworkTests
{
    private const FeatureRoles Fm = FeatureRoles.FmField, Deep = FeatureRoles.Deep;

    private static readonly FeatureSchema Small = new SchemaBuilder()
        .Sparse("U", 5, 4, Fm | Deep)
        .Sparse("I", 7, 4, Fm | Deep)
        .Sparse("C", 3, 4, Fm)
        .Dense("P", Fm | Deep)
        .Dense("Q", Deep)
        .Sequence("H", 6, 4, 3, Fm | Deep, Pooling.Mean)
        .Build();

    private static readonly DeepFmOptions SmallOptions = new() { Hidden = new[] { 5 }, EmbeddingInitStd = 0.5 };

    [Fact]
    public void Logit_is_first_order_plus_explicit_pairwise_fm_plus_mlp_over_one_shared_embedding()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new DeepFmNetwork(Small, SmallOptions);
        Randomize(net.FirstOrder.IdWeights!.Groups[0].Weight, 201);
        Randomize(net.FirstOrder.DenseWeight!, 202);
        Randomize(net.FirstOrder.Bias, 203);
        var data = new Synthetic(Small, 6, 204);
        using var batch = data.Batch();
        var output = net.call(batch);
        Assert.Equal(new long[] { 6 }, output.shape);
        Assert.Equal(5, net.FieldCount);

        // One embedding table serves the FM and the deep part.
        var emb = Assert.Single(net.Embeddings.Groups);
        var ew = Values(emb.Weight);
        double[] E(string table, long row) => Enumerable.Range(0, 4).Select(d => ew[(emb.RowOffset(table) + row) * 4 + d]).ToArray();
        var first = net.FirstOrder.IdWeights!.Groups[0];
        var fw = Values(first.Weight);
        double W(string table, long row) => fw[first.RowOffset(table) + row];
        var dw = Values(net.FirstOrder.DenseWeight!)[0];
        var bias = Values(net.FirstOrder.Bias)[0];
        var v = Values(net.DenseVectors!);

        var x = new List<double>();
        var expected = new double[6];
        for (int b = 0; b < 6; b++)
        {
            long u = data.Sparse[b * 3], i = data.Sparse[b * 3 + 1], c = data.Sparse[b * 3 + 2];
            var h = Enumerable.Range(0, 3).Select(l => data.Histories[0][b, l]).Where(r => r != 0).ToArray();
            var pooled = Enumerable.Range(0, 4).Select(d => h.Length == 0 ? 0 : h.Average(r => E("H", r)[d])).ToArray();
            double p = data.DenseValue(b, 0), q = data.DenseValue(b, 1);
            var fields = new[] { E("U", u), E("I", i), E("C", c), pooled, v.Select(z => z * p).ToArray() };
            double fm = 0;
            for (int f = 0; f < fields.Length; f++)
                for (int g = f + 1; g < fields.Length; g++)
                    fm += Dot(fields[f], 0, fields[g], 0, 4);
            var firstOrder = bias + W("U", u) + W("I", i) + W("C", c) + (h.Length == 0 ? 0 : h.Average(r => W("H", r))) + dw * p;
            expected[b] = firstOrder + fm;
            x.AddRange(E("U", u));
            x.AddRange(E("I", i));
            x.AddRange(pooled);
            x.Add(p);
            x.Add(q);
        }
        var deep = ReferenceMlp.Run(net.Deep, x.ToArray(), 6);
        Close(expected.Zip(deep, (a, d) => a + d).ToArray(), output, 1e-4, 1e-5);
    }

    [Fact]
    public void Padding_rows_never_contribute_and_the_oov_row_is_used()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new DeepFmNetwork(Small, SmallOptions);
        var data = new Synthetic(Small, 32, 205, oovRate: 0.3);
        using var batch = data.Batch();
        var before = net.call(batch);
        Synthetic.FillPaddingRows(net, 1000);
        Same(before, net.call(batch), 1e-5);

        var emb = net.Embeddings.Groups[0];
        using (torch.no_grad()) emb.Weight[emb.RowOffset("C") + EmbeddingRows.Oov].add_(1);
        var after = Values(net.call(batch));
        var old = Values(before);
        for (int b = 0; b < 32; b++)
        {
            var usesOov = data.Sparse[b * 3 + 2] == EmbeddingRows.Oov;
            Assert.True(usesOov == (Math.Abs(after[b] - old[b]) > 1e-6), $"row {b}: OOV {usesOov}, {old[b]} -> {after[b]}");
        }
    }

    [Fact]
    public void Backward_reaches_every_parameter()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new DeepFmNetwork(Small, SmallOptions with { BatchNorm = true });
        using var batch = new Synthetic(Small, 16, 206).Batch(label: Enumerable.Range(0, 16).Select(i => (float)(i % 2)).ToArray());
        Synthetic.BackwardReachesEveryParameter(net, batch);
    }

    [Fact]
    public void Loss_falls_on_a_problem_that_needs_an_interaction()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        var schema = new SchemaBuilder()
            .Sparse("User", 12, 4, Fm | Deep)
            .Sparse("Item", 12, 4, Fm | Deep)
            .Dense("Price", Fm | Deep)
            .Build();
        using var net = new DeepFmNetwork(schema, new DeepFmOptions { Hidden = new[] { 16, 8 } });
        var data = new Synthetic(schema, 256, 207, oovRate: 0);
        // Clicked when user and item fall in the same group: a pure second-order effect.
        using var batch = data.Batch(label: Enumerable.Range(0, 256).Select(b => data.Ids[b, 0] % 3 == data.Ids[b, 1] % 3 ? 1f : 0f).ToArray());
        var (first, last) = Synthetic.Train(net, batch, 80, 0.03);
        Assert.True(last < 0.6 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void Fm_fields_of_different_dimensions_are_rejected()
    {
        var schema = new SchemaBuilder().Sparse("A", 3, 4, Fm | Deep).Sparse("B", 3, 8, Fm).Build();
        Assert.Throws<ArgumentException>(() => new DeepFmNetwork(schema));
    }
}
