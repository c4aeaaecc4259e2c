using RecDsl.Metrics;

namespace RecDsl.Tests.Metrics;

public class LogLossTests
{
    private static double Float64Reference(float[] labels, float[] probabilities, double epsilon)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities[i];
            if (p < epsilon) p = epsilon;
            if (p > 1 - epsilon) p = 1 - epsilon;
            total += labels[i] == 1 ? -Math.Log(p) : labels[i] == 0 ? -Math.Log(1 - p)
                : -(labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p));
        }
        return total / labels.Length;
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1000)]
    [InlineData(3, 4096)]
    public void Matches_the_float64_formula_including_clipped_rows(int seed, int n)
    {
        var random = new Random(seed);
        var labels = new float[n];
        var probabilities = new float[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(2);
            probabilities[i] = (i % 17) switch { 0 => 0f, 1 => 1f, 2 => 1e-9f, _ => (float)random.NextDouble() };
        }

        Assert.Equal(Float64Reference(labels, probabilities, 1e-7), LogLoss.Compute(labels, probabilities), 12);
        Assert.Equal(Float64Reference(labels, probabilities, 1e-3), LogLoss.Compute(labels, probabilities, 1e-3), 12);
    }

    [Fact]
    public void Hand_computed_cases()
    {
        Assert.Equal(Math.Log(2), LogLoss.Compute([1, 0], [0.5f, 0.5f]), 15);
        // A certain wrong answer costs -ln(epsilon), not infinity.
        Assert.Equal(-Math.Log(1e-7), LogLoss.Compute([1], [0f]), 9);
        // Soft labels: y = 0.25, p = 0.25 -> the entropy of 0.25.
        Assert.Equal(-(0.25 * Math.Log(0.25) + 0.75 * Math.Log(0.75)), LogLoss.Compute([0.25f], [0.25f]), 7);
        Assert.True(double.IsNaN(LogLoss.Compute([], [])));
    }

    [Fact]
    public void Bad_input_fails_clearly()
    {
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => LogLoss.Compute([1.5f], [0.5f])).Message);
        Assert.Contains("not a probability", Assert.Throws<ArgumentException>(() => LogLoss.Compute([1f], [2.3f])).Message);
        Assert.Contains("is NaN", Assert.Throws<ArgumentException>(() => LogLoss.Compute([1f], [float.NaN])).Message);
        Assert.Contains("elements", Assert.Throws<ArgumentException>(() => LogLoss.Compute([1f, 0f], [0.5f])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogLoss.Compute([1f], [0.5f], epsilon: 0));
    }
}
