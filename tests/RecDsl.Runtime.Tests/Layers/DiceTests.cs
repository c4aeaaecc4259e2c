using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class DiceTests
{
    /// <summary>Per-channel mean and biased variance over the rows where <paramref name="mask"/> is true.</summary>
    internal static (double[] Mean, double[] Var, int Count) BatchStatistics(double[] x, int n, int c, bool[]? mask)
    {
        var mean = new double[c];
        var variance = new double[c];
        int count = Enumerable.Range(0, n).Count(i => mask is null || mask[i]);
        for (int j = 0; j < c; j++)
        {
            for (int i = 0; i < n; i++) if (mask is null || mask[i]) mean[j] += x[i * c + j] / count;
            for (int i = 0; i < n; i++) if (mask is null || mask[i]) variance[j] += Math.Pow(x[i * c + j] - mean[j], 2) / count;
        }
        return (mean, variance, count);
    }

    /// <summary>The Dice formula of the DIN paper with the given statistics.</summary>
    internal static double[] Formula(double[] x, int n, int c, double[] mean, double[] variance, double[] alpha, double eps)
    {
        var y = new double[n * c];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
            {
                var v = x[i * c + j];
                var p = Sigmoid((v - mean[j]) / Math.Sqrt(variance[j] + eps));
                y[i * c + j] = p * v + (1 - p) * alpha[j] * v;
            }
        return y;
    }

    [Fact]
    public void Alpha_starts_at_zero_and_running_statistics_at_zero_mean_unit_variance()
    {
        using var dice = new Dice(3);
        Assert.All(Values(dice.Alpha), v => Assert.Equal(0.0, v));
        Assert.All(Values(dice.RunningMean), v => Assert.Equal(0.0, v));
        Assert.All(Values(dice.RunningVar), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Training_matches_the_formula_with_batch_statistics_and_updates_running_ones()
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new Dice(4);
        Randomize(dice.Alpha, 51);
        var x = Random(52, 2.0, 9, 4);
        var xv = Values(x);
        var (mean, variance, n) = BatchStatistics(xv, 9, 4, null);
        dice.train();
        Close(Formula(xv, 9, 4, mean, variance, Values(dice.Alpha), dice.Eps), dice.call(x), 1e-5, 1e-6);
        Close(mean.Select(m => 0.1 * m).ToArray(), dice.RunningMean, 1e-5, 1e-6);
        Close(variance.Select(v => 0.9 + 0.1 * v * n / (n - 1)).ToArray(), dice.RunningVar, 1e-5, 1e-6);
    }

    [Fact]
    public void Eval_uses_the_running_statistics()
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new Dice(4);
        Randomize(dice.Alpha, 53);
        Randomize(dice.RunningMean, 54);
        using (torch.no_grad()) dice.RunningVar.copy_(Random(55, 1.0, 4).abs() + 0.5);
        dice.eval();
        var x = Random(56, 2.0, 3, 4);
        Close(Formula(Values(x), 3, 4, Values(dice.RunningMean), Values(dice.RunningVar), Values(dice.Alpha), dice.Eps),
            dice.call(x), 1e-5, 1e-6);
        // Eval leaves the statistics alone.
        var before = Values(dice.RunningMean);
        dice.call(Random(57, 5.0, 3, 4));
        Assert.Equal(before, Values(dice.RunningMean));
    }

    [Fact]
    public void Three_dimensional_input_takes_statistics_over_batch_and_length_and_honours_the_mask()
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new Dice(3);
        Randomize(dice.Alpha, 58);
        var x = Random(59, 1.5, 2, 4, 3);
        var maskValues = new[] { true, true, false, false, true, true, true, false };
        var mask = Mask(maskValues, 2, 4);
        var xv = Values(x);
        dice.train();

        var (mean, variance, _) = BatchStatistics(xv, 8, 3, null);
        Close(Formula(xv, 8, 3, mean, variance, Values(dice.Alpha), dice.Eps), dice.call(x), 1e-5, 1e-6);

        (mean, variance, _) = BatchStatistics(xv, 8, 3, maskValues);
        var masked = dice.forward(x, mask);
        Close(Formula(xv, 8, 3, mean, variance, Values(dice.Alpha), dice.Eps), masked, 1e-5, 1e-6);

        // Changing masked positions changes nothing at the real ones.
        var changed = torch.where(mask.unsqueeze(-1), x, Random(60, 100.0, 2, 4, 3));
        var real = mask.unsqueeze(-1).expand(2, 4, 3);
        Same(masked.masked_select(real), dice.forward(changed, mask).masked_select(real), 1e-6);
    }

    [Theory]
    [InlineData(0)] // a batch whose histories are all empty
    [InlineData(1)] // one real position: no unbiased variance
    public void A_batch_with_fewer_than_two_real_positions_leaves_the_running_statistics_as_they_were(int realPositions)
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new Dice(3);
        Randomize(dice.RunningMean, 61);
        using (torch.no_grad()) dice.RunningVar.copy_(Random(62, 1.0, 3).abs() + 0.5);
        var (meanBefore, varBefore) = (Values(dice.RunningMean), Values(dice.RunningVar));
        var maskValues = Enumerable.Range(0, 8).Select(i => i < realPositions).ToArray();
        dice.train();

        var output = dice.forward(Random(63, 1.5, 2, 4, 3), Mask(maskValues, 2, 4));

        Assert.Equal(meanBefore, Values(dice.RunningMean));
        Assert.Equal(varBefore, Values(dice.RunningVar));
        Assert.All(Values(output), v => Assert.True(double.IsFinite(v)));
        // Unmasked, one row is the same case.
        dice.forward(Random(64, 1.5, 1, 3), null);
        Assert.Equal(meanBefore, Values(dice.RunningMean));
    }

    [Fact]
    public void Masked_running_statistics_follow_the_real_positions_with_the_unbiased_variance()
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new Dice(3);
        var x = Random(65, 1.5, 2, 4, 3);
        var maskValues = new[] { true, false, false, false, true, true, false, false };
        dice.train();

        dice.forward(x, Mask(maskValues, 2, 4));

        var (mean, variance, count) = BatchStatistics(Values(x), 8, 3, maskValues);
        Close(mean.Select(m => 0.1 * m).ToArray(), dice.RunningMean, 1e-5, 1e-6);
        Close(variance.Select(v => 0.9 + 0.1 * v * count / (count - 1)).ToArray(), dice.RunningVar, 1e-5, 1e-6);
    }
}
