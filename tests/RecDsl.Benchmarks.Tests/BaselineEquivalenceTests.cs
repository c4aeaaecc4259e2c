using RecDsl.Batching;
using RecDsl.Benchmarks.Baselines;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using RecDsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Tests;

/// <summary>
/// The per-field baselines of the quick benchmark, given RecDsl's weights, must give RecDsl's logits and gradients:
/// otherwise a throughput ratio would compare two different models.
/// </summary>
public class BaselineEquivalenceTests
{
    private static readonly int[] DinHidden = [12, 6], DinAttentionHidden = [10, 5];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_field_DIN_computes_the_DIN_network_function(bool recDslAttention)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var network = new DinNetwork(AmazonShape.Schema(), new DinOptions { Hidden = DinHidden, AttentionHidden = DinAttentionHidden });
        using var baseline = new PerFieldDin(DinHidden, DinAttentionHidden, Activation.Dice, recDslAttention);
        var features = network.Schema.Features;
        WeightCopy.Table(network.Embeddings, features.Single(f => f.Name == "UserId"), baseline.Users.weight!);
        WeightCopy.Table(network.Embeddings, features.Single(f => f.Name == "ItemId"), baseline.Items.weight!);
        WeightCopy.Table(network.Embeddings, features.Single(f => f.Name == "CategoryId"), baseline.Categories.weight!);
        WeightCopy.Same(baseline.AttentionUnit, network.Attentions.Single().Unit);
        WeightCopy.Same(baseline.Mlp, network.Mlp);
        // Dice's alpha starts at 0; give it values so that both of its sides matter.
        using (no_grad())
            foreach (var (a, b) in baseline.AttentionUnit.Layers.OfType<Dice>().Zip(network.Attentions.Single().Unit.Layers.OfType<Dice>()))
                b.Alpha.copy_(a.Alpha.uniform_(-0.5, 0.5));

        using var batch = AmazonShape.Batch(96, seed: 5);
        network.train();
        baseline.train();
        var expected = network.call(batch);
        var actual = baseline.call(batch);
        AssertClose(expected, actual, 1e-5);

        var upstream = randn(96, generator: new Generator(12));
        (expected * upstream).sum().backward();
        (actual * upstream).sum().backward();
        var expectedUnit = network.Attentions.Single().Unit.parameters().Select(p => p.grad!).ToArray();
        var actualUnit = baseline.AttentionUnit.parameters().Select(p => p.grad!).ToArray();
        for (int i = 0; i < expectedUnit.Length; i++) AssertClose(expectedUnit[i], actualUnit[i], 1e-4);
    }

    [Fact]
    public void Per_field_DeepFM_computes_the_DeepFM_network_function()
    {
        using var scope = NewDisposeScope();
        int[] hidden = [16, 8];
        manual_seed(13);
        using var network = new DeepFmNetwork(CriteoShape.Schema(), new DeepFmOptions { Hidden = hidden, BatchNorm = true });
        using var baseline = PerFieldDeepFm.Criteo(hidden, batchNorm: true);
        var sparse = network.Schema.Features.Where(f => f.Kind == Schema.FeatureKind.Sparse).OrderBy(f => f.Slot).ToArray();
        Assert.Equal(sparse.Length, baseline.Embeddings.Count);
        for (int f = 0; f < sparse.Length; f++)
        {
            WeightCopy.Table(network.Embeddings, sparse[f], baseline.Embeddings[f].weight!);
            using (no_grad()) baseline.FirstOrder[f].weight!.uniform_(-0.1, 0.1);
            WeightCopy.Table(network.FirstOrder.IdWeights!, sparse[f], baseline.FirstOrder[f].weight!);
        }
        using (no_grad()) network.FirstOrder.Bias.copy_(baseline.Bias.uniform_(-0.1, 0.1));
        WeightCopy.Same(baseline.Mlp, network.Deep);

        using var batch = CriteoShape.Batch(64, seed: 6);
        network.train();
        baseline.train();
        AssertClose(network.call(batch), baseline.call(batch), 1e-5);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = Math.Max(1e-3, expected.abs().max().ToDouble());
        var difference = (expected - actual).abs().max().ToDouble();
        Assert.True(difference <= tolerance * scale, $"max |difference| {difference:G3} > {tolerance:G1} x {scale:G3}");
    }
}
