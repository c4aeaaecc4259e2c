using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

public class GradientClippingTests
{
    /// <summary>Gradients of a loss with a known scale on a fresh logistic network, read to float64.</summary>
    private static (LogisticNetwork Network, double[][] Before) WithGradients(float scale)
    {
        var network = new LogisticNetwork(TestSchemas.Planted());
        using var batch = PlantedData.Logistic(seed: 21, n: 64).ToBatch();
        using (var scope = NewDisposeScope())
        {
            var loss = network.Loss(network.call(batch), batch) * scale;
            loss.backward();
        }
        return (network, Read(network));
    }

    private static double[][] Read(LogisticNetwork network) =>
        network.parameters().Select(p =>
        {
            using var g = p.grad!;
            using var host = g.to(ScalarType.Float64).cpu();
            return host.data<double>().ToArray();
        }).ToArray();

    private static double Norm(double[][] grads) => Math.Sqrt(grads.Sum(g => g.Sum(v => v * v)));

    [Fact]
    public void Large_gradients_are_scaled_down_to_the_max_norm_keeping_their_direction()
    {
        var (network, before) = WithGradients(scale: 1000f);
        double normBefore = Norm(before);
        Assert.True(normBefore > 10, $"precondition: a large gradient ({normBefore})");

        using (var reported = GradientClipping.ClipByNorm(network.parameters().ToList(), maxNorm: 2.0))
            Assert.Equal(normBefore, reported!.to(ScalarType.Float64).item<double>(), normBefore * 1e-5);

        var after = Read(network);
        Assert.Equal(2.0, Norm(after), 4);
        double factor = 2.0 / (normBefore + 1e-6);
        for (int p = 0; p < before.Length; p++)
            for (int i = 0; i < before[p].Length; i++)
                Assert.Equal(before[p][i] * factor, after[p][i], 5);
        network.Dispose();
    }

    [Fact]
    public void Gradients_within_the_max_norm_are_left_alone()
    {
        var (network, before) = WithGradients(scale: 1f);
        double normBefore = Norm(before);

        GradientClipping.ClipByNorm(network.parameters().ToList(), maxNorm: normBefore * 10)?.Dispose();

        Assert.Equal(before, Read(network));
        network.Dispose();
    }
}
