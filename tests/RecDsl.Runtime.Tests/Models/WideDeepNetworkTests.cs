using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Models;

public class WideDeepNetworkTests
{
    private const FeatureRoles Wide = FeatureRoles.Wide, Deep = FeatureRoles.Deep;

    private static readonly FeatureSchema Small = new SchemaBuilder()
        .Sparse("U", 5, 4, Deep | Wide)
        .Sparse("I", 7, 4, Deep)
        .Dense("P", Deep | Wide)
        .Sequence("H", 6, 4, 3, Deep, Pooling.Mean)
        .Sequence("W", 3, 4, 2, Wide, Pooling.Sum)
        .Build();

    private static readonly WideDeepOptions SmallOptions = new() { Hidden = new[] { 5 } };

    [Fact]
    public void Logit_is_the_wide_linear_model_plus_the_deep_mlp_computed_by_loops()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new WideDeepNetwork(Small, SmallOptions);
        Randomize(net.Wide.IdWeights!.Groups[0].Weight, 101);
        Randomize(net.Wide.DenseWeight!, 102);
        Randomize(net.Wide.Bias, 103);
        var data = new Synthetic(Small, 6, 104);
        using var batch = data.Batch();
        var output = net.call(batch);
        Assert.Equal(new long[] { 6 }, output.shape);

        var emb = net.Embeddings.Groups[0];
        var ew = Values(emb.Weight);
        double E(string table, long row, int d) => ew[(emb.RowOffset(table) + row) * 4 + d];
        var wide = net.Wide.IdWeights!.Groups[0];
        var ww = Values(wide.Weight);
        double W(string table, long row) => ww[wide.RowOffset(table) + row];
        var dw = Values(net.Wide.DenseWeight!)[0];
        var bias = Values(net.Wide.Bias)[0];

        var x = new List<double>();
        var wideScore = new double[6];
        for (int b = 0; b < 6; b++)
        {
            long u = data.Sparse[b * 2], i = data.Sparse[b * 2 + 1];
            var h = Enumerable.Range(0, 3).Select(l => data.Histories[0][b, l]).Where(r => r != 0).ToArray();
            for (int d = 0; d < 4; d++) x.Add(E("U", u, d));
            for (int d = 0; d < 4; d++) x.Add(E("I", i, d));
            for (int d = 0; d < 4; d++) x.Add(h.Length == 0 ? 0 : h.Average(r => E("H", r, d)));
            x.Add(data.DenseValue(b, 0));
            var w = Enumerable.Range(0, 2).Select(l => data.Histories[1][b, l]).Where(r => r != 0);
            wideScore[b] = bias + W("U", u) + w.Sum(r => W("W", r)) + dw * data.DenseValue(b, 0);
        }
        var deep = ReferenceMlp.Run(net.Deep, x.ToArray(), 6);
        Close(deep.Zip(wideScore, (a, c) => a + c).ToArray(), output, 1e-4, 1e-5);
    }

    [Fact]
    public void Padding_rows_never_contribute()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new WideDeepNetwork(Small, SmallOptions);
        using var batch = new Synthetic(Small, 8, 105).Batch();
        var before = net.call(batch);
        Synthetic.FillPaddingRows(net, 1000);
        Same(before, net.call(batch), 1e-6);
    }

    [Fact]
    public void Backward_reaches_every_parameter_and_probabilities_are_sigmoids()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new WideDeepNetwork(Small, SmallOptions with { BatchNorm = true, Dropout = 0.2 });
        var data = new Synthetic(Small, 16, 106);
        using var batch = data.Batch(label: Enumerable.Range(0, 16).Select(i => (float)(i % 2)).ToArray());
        Synthetic.BackwardReachesEveryParameter(net, batch);
        net.eval();
        var logits = net.call(batch);
        Close(Values(logits).Select(Sigmoid).ToArray(), net.Probabilities(logits), 1e-6, 1e-7);
    }

    private static readonly FeatureSchema Learnable = new SchemaBuilder()
        .Sparse("User", 20, 4, Deep | Wide)
        .Sparse("Item", 30, 4, Deep | Wide)
        .Dense("Price", Deep | Wide)
        .History("Items", "Item", 5, Deep)
        .Build();

    private static float[] Labels(Synthetic data)
    {
        var rng = new Random(7);
        var user = Enumerable.Range(0, 20).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var item = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        return Enumerable.Range(0, data.Count)
            .Select(b => user[data.Ids[b, 0]] + item[data.Ids[b, 1]] + 2 * data.DenseValue(b, 0) > 0 ? 1f : 0f).ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Loss_falls_on_a_learnable_problem(bool sparseGradients)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var net = new WideDeepNetwork(Learnable, new WideDeepOptions { Hidden = new[] { 16, 8 }, SparseGradients = sparseGradients });
        var data = new Synthetic(Learnable, 256, 108);
        using var batch = data.Batch(label: Labels(data));
        // Sparse gradients need SGD (TorchSharp's Adam has no sparse kernel).
        var (first, last) = sparseGradients
            ? Synthetic.Train(net, batch, 150, 0.5, sgd: true)
            : Synthetic.Train(net, batch, 80, 0.03);
        Assert.True(last < 0.6 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void Sparse_gradients_option_gives_every_table_a_sparse_gradient()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new WideDeepNetwork(Learnable, new WideDeepOptions { Hidden = new[] { 4 }, SparseGradients = true });
        var data = new Synthetic(Learnable, 8, 109);
        using var batch = data.Batch(label: new float[8]);
        net.Loss(net.call(batch), batch).backward();
        var tables = Synthetic.FusedTables(net).ToArray();
        Assert.Equal(2, tables.Length); // deep embeddings and wide per-id weights
        Assert.All(tables, t => Assert.True(t.Weight.grad!.is_sparse));
    }

    [Fact]
    public void A_schema_without_wide_features_is_rejected()
    {
        var schema = new SchemaBuilder().Sparse("A", 3, 4, Deep).Build();
        var error = Assert.Throws<ArgumentException>(() => new WideDeepNetwork(schema));
        Assert.Equal("schema", error.ParamName);
        Assert.StartsWith("'Tests.Record' has no [Wide] feature for WideDeep.", error.Message);
    }
}
