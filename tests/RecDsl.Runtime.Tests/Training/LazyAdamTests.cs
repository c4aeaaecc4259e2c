using RecDsl.Layers;
using RecDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static RecDsl.Tests.Numeric;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>LazyAdam against independent expectations: TorchSharp's dense Adam/AdamW (PyTorch's algorithm) on a
/// dense copy of the same weights, and a float64 hand reference of the lazy semantics.</summary>
public class LazyAdamTests
{
    private const int Rows = 6;
    private const int Dim = 3;
    private const double Lr = 0.05;

    /// <summary>Per step: looked-up rows (with duplicates) and the coefficient of each lookup in the loss
    /// <c>sum(lookup * coef)</c>, so the gradient of row r is the sum of the coefficients of its lookups.</summary>
    private static (long[] Rows, float[] Coef)[] Steps(long[][] rowsPerStep, int seed)
    {
        var rng = new Random(seed);
        return rowsPerStep.Select(rows => (rows, Enumerable.Range(0, rows.Length * Dim).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray())).ToArray();
    }

    private static EmbeddingTable SparseTable(Tensor initial)
    {
        var table = new EmbeddingTable(Rows, Dim, sparseGradients: true);
        using (no_grad()) table.Weight.copy_(initial);
        return table;
    }

    /// <summary>One backward pass of <c>sum(lookup(rows) * coef)</c> through the sparse table.</summary>
    private static void SparseBackward(EmbeddingTable table, long[] rows, float[] coef)
    {
        using var scope = NewDisposeScope();
        (table.call(tensor(rows)) * tensor(coef, [rows.Length, Dim])).sum().backward();
    }

    /// <summary>The same loss on a plain dense parameter (dense gradient).</summary>
    private static void DenseBackward(Parameter weight, long[] rows, float[] coef)
    {
        using var scope = NewDisposeScope();
        (weight.index_select(0, tensor(rows)) * tensor(coef, [rows.Length, Dim])).sum().backward();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Equals_dense_adam_when_every_row_is_touched_in_every_step(double weightDecay)
    {
        using var scope = NewDisposeScope();
        var initial = Numeric.Random(1, 0.5, Rows, Dim);
        var steps = Steps([[0, 1, 2, 3, 4, 5, 2, 2], [5, 4, 3, 2, 1, 0], [1, 0, 0, 3, 2, 5, 4, 4, 1], [3, 2, 1, 0, 5, 4]], seed: 2);

        using var table = SparseTable(initial);
        var bias = new Parameter(tensor(new[] { 0.3f, -0.2f }));
        using var lazy = new LazyAdam([table.Weight, bias], Lr, weightDecay);

        var denseWeight = new Parameter(initial.clone());
        var denseBias = new Parameter(tensor(new[] { 0.3f, -0.2f }));
        // With decay 0 AdamW is Adam; the decay case is AdamW because LazyAdam's decay is decoupled.
        using var reference = weightDecay == 0
            ? (optim.Optimizer)optim.Adam([denseWeight, denseBias], lr: Lr)
            : optim.AdamW([denseWeight, denseBias], lr: Lr, weight_decay: weightDecay);

        foreach (var (rows, coef) in steps)
        {
            lazy.ZeroGrad();
            SparseBackward(table, rows, coef);
            using (var s = NewDisposeScope()) (bias * bias * 3).sum().backward();
            Assert.True(table.Weight.grad!.is_sparse);
            lazy.Step();

            reference.zero_grad();
            DenseBackward(denseWeight, rows, coef);
            using (var s = NewDisposeScope()) (denseBias * denseBias * 3).sum().backward();
            reference.step();

            Same(denseWeight, table.Weight, 1e-6);
            Same(denseBias, bias, 1e-6);
        }
        Assert.Equal(new long[] { 4, 4 }, lazy.Steps);
    }

    /// <summary>Float64 model of LazyAdam: touched rows get dense Adam's update with the global step's bias
    /// correction (and decoupled decay first); untouched rows and their moments do not change.</summary>
    private static double[] LazyReference(double[] w, (long[] Rows, float[] Coef)[] steps, double weightDecay)
    {
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        w = (double[])w.Clone();
        var m = new double[w.Length];
        var v = new double[w.Length];
        for (int t = 1; t <= steps.Length; t++)
        {
            var (rows, coef) = steps[t - 1];
            var g = new double[w.Length];
            var touched = new bool[Rows];
            for (int i = 0; i < rows.Length; i++)
            {
                touched[rows[i]] = true;
                for (int d = 0; d < Dim; d++) g[rows[i] * Dim + d] += coef[i * Dim + d];
            }
            double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
            for (int r = 0; r < Rows; r++)
            {
                if (!touched[r]) continue;
                for (int d = 0; d < Dim; d++)
                {
                    int k = r * Dim + d;
                    w[k] *= 1 - Lr * weightDecay;
                    m[k] = b1 * m[k] + (1 - b1) * g[k];
                    v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
                    w[k] -= Lr / bc1 * m[k] / (Math.Sqrt(v[k]) / Math.Sqrt(bc2) + eps);
                }
            }
        }
        return w;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Matches_a_float64_reference_of_the_lazy_update_when_only_some_rows_are_touched(double weightDecay)
    {
        using var scope = NewDisposeScope();
        var initial = Numeric.Random(3, 0.5, Rows, Dim);
        // Row 0 is never touched; row 4 only in the first step; row 1 skips steps 2 and 3 and comes back in step 4.
        var steps = Steps([[1, 4, 2, 2], [2, 3], [3, 3, 2, 5], [1, 5, 2]], seed: 4);
        using var table = SparseTable(initial);
        using var lazy = new LazyAdam([table.Weight], Lr, weightDecay);

        foreach (var (rows, coef) in steps)
        {
            lazy.ZeroGrad();
            SparseBackward(table, rows, coef);
            lazy.Step();
        }

        Close(LazyReference(Values(initial), steps, weightDecay), table.Weight, rel: 1e-5, abs: 1e-6);
    }

    [Fact]
    public void Untouched_rows_and_their_moments_stay_bitwise_unchanged()
    {
        using var scope = NewDisposeScope();
        var initial = Numeric.Random(5, 0.5, Rows, Dim);
        using var table = SparseTable(initial);
        using var lazy = new LazyAdam([table.Weight], Lr, weightDecay: 0.1);

        foreach (var (rows, coef) in Steps([[1, 2, 2], [2, 5], [1, 5]], seed: 6))
        {
            lazy.ZeroGrad();
            SparseBackward(table, rows, coef);
            lazy.Step();
        }

        foreach (long row in new long[] { 0, 3, 4 })
        {
            Assert.Equal(initial[row].bytes.ToArray(), table.Weight[row].bytes.ToArray());
            Assert.All(Values(lazy.ExpAvg[0][row]), x => Assert.Equal(0.0, x));
            Assert.All(Values(lazy.ExpAvgSq[0][row]), x => Assert.Equal(0.0, x));
        }
        foreach (long row in new long[] { 1, 2, 5 })
            Assert.NotEqual(initial[row].bytes.ToArray(), table.Weight[row].bytes.ToArray());
    }

    [Fact]
    public void Duplicate_ids_in_a_batch_accumulate_like_a_dense_gradient()
    {
        using var scope = NewDisposeScope();
        var initial = Numeric.Random(7, 0.5, Rows, Dim);
        float[] a = [0.5f, -1f, 0.25f], b = [0.125f, 0.5f, -0.75f], c = [-0.25f, 0.75f, 1f], d = [1f, 1f, -1f];
        // Row 2 looked up three times vs once with the summed coefficient (exact in float: dyadic values).
        using var repeated = SparseTable(initial);
        using var summed = SparseTable(initial);
        using var lazyRepeated = new LazyAdam([repeated.Weight], Lr, 0);
        using var lazySummed = new LazyAdam([summed.Weight], Lr, 0);
        var denseWeight = new Parameter(initial.clone());
        using var adam = optim.Adam([denseWeight], lr: Lr);

        for (int step = 0; step < 3; step++)
        {
            lazyRepeated.ZeroGrad();
            SparseBackward(repeated, [2, 4, 2, 2], [.. a, .. d, .. b, .. c]);
            lazyRepeated.Step();

            lazySummed.ZeroGrad();
            SparseBackward(summed, [2, 4], [.. a.Select((x, i) => x + b[i] + c[i]), .. d]);
            lazySummed.Step();

            adam.zero_grad();
            DenseBackward(denseWeight, [2, 4, 2, 2], [.. a, .. d, .. b, .. c]);
            adam.step();
        }

        Assert.Equal(summed.Weight.bytes.ToArray(), repeated.Weight.bytes.ToArray());
        // Rows 2 and 4 are touched in every step, so they match dense Adam there.
        foreach (long row in new long[] { 2, 4 }) Same(denseWeight[row], repeated.Weight[row], 1e-6);
    }

    [Fact]
    public void Gradient_clipping_takes_the_norm_of_the_summed_rows_of_a_sparse_gradient()
    {
        using var scope = NewDisposeScope();
        using var table = SparseTable(Numeric.Random(8, 0.5, Rows, Dim));
        float[] a = [3f, 0f, 0f], b = [1f, 0f, 0f], c = [0f, 0f, 4f];
        SparseBackward(table, [1, 1, 3], [.. a, .. b, .. c]);
        var weight = table.Weight;

        using var norm = GradientClipping.ClipByNorm([weight], maxNorm: 1.0);

        // Row 1's gradient is (4, 0, 0) and row 3's (0, 0, 4): norm sqrt(32), not sqrt(9 + 1 + 16).
        Assert.Equal(Math.Sqrt(32), norm!.item<float>(), 5);
        var clipped = Values(weight.grad!.to_dense());
        Assert.Equal(1.0, Math.Sqrt(clipped.Sum(x => x * x)), 4);
    }

    [Fact]
    public void State_survives_a_write_and_read_into_a_fresh_optimizer()
    {
        using var scope = NewDisposeScope();
        using var table = SparseTable(Numeric.Random(9, 0.5, Rows, Dim));
        using var lazy = new LazyAdam([table.Weight], Lr, 0);
        lazy.ZeroGrad();
        SparseBackward(table, [1, 2], [1f, 2f, 3f, 4f, 5f, 6f]);
        lazy.Step();

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) lazy.WriteState(writer);
        using var copy = new LazyAdam([table.Weight], Lr, 0);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream)) copy.ReadState(reader);

        Assert.Equal(lazy.Steps, copy.Steps);
        Assert.Equal(lazy.ExpAvg[0].bytes.ToArray(), copy.ExpAvg[0].bytes.ToArray());
        Assert.Equal(lazy.ExpAvgSq[0].bytes.ToArray(), copy.ExpAvgSq[0].bytes.ToArray());
    }
}
