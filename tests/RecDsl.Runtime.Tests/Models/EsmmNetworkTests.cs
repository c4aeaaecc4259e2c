using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Models;

public class EsmmNetworkTests
{
    private const FeatureRoles Deep = FeatureRoles.Deep;

    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("User", 20, 4, Deep)
        .Sparse("Item", 30, 4, Deep)
        .Dense("Price", Deep)
        .History("Items", "Item", 5, Deep) // no attention in ESMM: pooled
        .Build(new LabelInfo(ClickLabel: "Click", ConversionLabel: "Bought"));

    private static readonly EsmmOptions SmallOptions = new() { CtrHidden = new[] { 8 }, CvrHidden = new[] { 6, 4 } };

    private static (float[] Click, float[] Conversion) Labels(Synthetic data)
    {
        var rng = new Random(9);
        var user = Enumerable.Range(0, 20).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var item = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var buy = Enumerable.Range(0, 30).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var click = new float[data.Count];
        var conversion = new float[data.Count];
        for (int b = 0; b < data.Count; b++)
        {
            click[b] = user[data.Ids[b, 0]] + item[data.Ids[b, 1]] > 0 ? 1 : 0;
            conversion[b] = click[b] == 1 && buy[data.Ids[b, 1]] + data.DenseValue(b, 0) > 0 ? 1 : 0;
        }
        return (click, conversion);
    }

    [Fact]
    public void Outputs_two_logits_and_three_probabilities_with_pctcvr_the_product()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new EsmmNetwork(Schema, SmallOptions);
        Assert.Equal(TaskKind.Esmm, net.Task);
        using var batch = new Synthetic(Schema, 10, 401).Batch();
        var logits = net.call(batch);
        Assert.Equal(new long[] { 10, 2 }, logits.shape);
        var p = net.Probabilities(logits);
        Assert.Equal(new long[] { 10, 3 }, p.shape);
        var l = Values(logits);
        var expected = Enumerable.Range(0, 10).SelectMany(b =>
        {
            double ctr = Sigmoid(l[b * 2]), cvr = Sigmoid(l[b * 2 + 1]);
            return new[] { ctr, cvr, ctr * cvr };
        }).ToArray();
        Close(expected, p, 1e-6, 1e-7);
    }

    [Fact]
    public void Loss_is_ctr_bce_plus_ctcvr_bce_over_all_rows()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new EsmmNetwork(Schema, SmallOptions);
        var data = new Synthetic(Schema, 32, 402);
        var (click, conversion) = Labels(data);
        using var batch = data.Batch(click: click, conversion: conversion);
        var logits = net.call(batch);
        var l = Values(logits);
        double expected = 0;
        for (int b = 0; b < 32; b++)
        {
            double ctr = Sigmoid(l[b * 2]), ctcvr = ctr * Sigmoid(l[b * 2 + 1]);
            double y = click[b], z = click[b] * conversion[b];
            expected -= (y * Math.Log(ctr) + (1 - y) * Math.Log(1 - ctr)) / 32;
            expected -= (z * Math.Log(ctcvr) + (1 - z) * Math.Log(1 - ctcvr)) / 32;
        }
        Close(new[] { expected }, net.Loss(logits, batch), 1e-5, 1e-6);
    }

    [Fact]
    public void Backward_reaches_both_towers_and_the_shared_embeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new EsmmNetwork(Schema, SmallOptions with { BatchNorm = true });
        var data = new Synthetic(Schema, 16, 403);
        var (click, conversion) = Labels(data);
        using var batch = data.Batch(click: click, conversion: conversion);
        Synthetic.BackwardReachesEveryParameter(net, batch);
        // The CVR tower learns only through pCTCVR, over all impressions.
        Assert.Contains(net.CvrTower.parameters(), p => Values(p.grad!).Any(v => v != 0));
    }

    [Fact]
    public void Loss_falls_on_a_learnable_problem()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var net = new EsmmNetwork(Schema, new EsmmOptions { CtrHidden = new[] { 16, 8 }, CvrHidden = new[] { 16, 8 } });
        var data = new Synthetic(Schema, 256, 404);
        var (click, conversion) = Labels(data);
        using var batch = data.Batch(click: click, conversion: conversion);
        var (first, last) = Synthetic.Train(net, batch, 80, 0.03);
        Assert.True(last < 0.6 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void A_batch_without_esmm_labels_is_an_error()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new EsmmNetwork(Schema, SmallOptions);
        using var batch = new Synthetic(Schema, 4, 405).Batch(label: new float[4]);
        Assert.Throws<InvalidOperationException>(() => net.Loss(net.call(batch), batch));
    }

    [Fact]
    public void A_schema_without_deep_features_is_rejected()
    {
        var schema = new SchemaBuilder().Sparse("A", 3, 4, FeatureRoles.Wide).Build(new LabelInfo(ClickLabel: "Click", ConversionLabel: "Buy"));
        var error = Assert.Throws<ArgumentException>(() => new EsmmNetwork(schema));
        Assert.StartsWith("'Tests.Record' has no [Deep] feature for ESMM.", error.Message);
    }
}
