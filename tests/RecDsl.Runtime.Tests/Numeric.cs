using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Tests;

/// <summary>Helpers for float64 reference checks: random inputs, reading tensors out, comparing.</summary>
internal static class Numeric
{
    /// <summary>A Float32 tensor of N(0, scale²) values from a seeded .NET RNG (independent of torch's RNG,
    /// which parallel tests share), in memory torch allocated: a tensor over the managed array sits wherever the GC
    /// put it, and CPU matrix products give other last bits for other alignments (measured: the same step's gradients
    /// differed in 12 of 20 runs), which bitwise tests cannot have.</summary>
    public static Tensor Random(int seed, double scale, params long[] shape)
    {
        var rng = new Random(seed);
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[n];
        for (long i = 0; i < n; i++)
        {
            // Box-Muller
            var u = 1.0 - rng.NextDouble();
            var v = rng.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
        using var overArray = torch.tensor(values, shape);
        return overArray.clone();
    }

    /// <summary>Int64 tensor of the given values and shape.</summary>
    public static Tensor Rows(long[] values, params long[] shape) => torch.tensor(values, shape);

    /// <summary>Bool tensor of the given values and shape.</summary>
    public static Tensor Mask(bool[] values, params long[] shape) => torch.tensor(values, shape);

    /// <summary>The values of <paramref name="t"/> as doubles, row-major.</summary>
    public static double[] Values(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    /// <summary>Overwrites a parameter or buffer with random values (no autograd).</summary>
    public static void Randomize(Tensor target, int seed, double scale = 1.0)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        target.copy_(Random(seed, scale, target.shape).to_type(target.dtype));
    }

    /// <summary>Asserts every value is within abs + rel*|expected| of the reference.</summary>
    public static void Close(double[] expected, Tensor actual, double rel = 1e-5, double abs = 1e-5)
    {
        var got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            var tol = abs + rel * Math.Abs(expected[i]);
            Assert.True(Math.Abs(expected[i] - got[i]) <= tol,
                $"index {i}: expected {expected[i]:R}, got {got[i]:R} (tolerance {tol:G3})");
        }
    }

    /// <summary>Asserts two tensors hold the same values (up to float rounding).</summary>
    public static void Same(Tensor expected, Tensor actual, double tol = 1e-6) => Close(Values(expected), actual, tol, tol);

    /// <summary>Asserts every value is finite.</summary>
    public static void Finite(Tensor t)
    {
        var values = Values(t);
        Assert.All(values, v => Assert.True(double.IsFinite(v), $"non-finite value {v}"));
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Dot(double[] a, int aStart, double[] b, int bStart, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[aStart + i] * b[bStart + i];
        return s;
    }
}
