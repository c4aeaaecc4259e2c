using TorchSharp;
using RecDsl.Backend;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>The compact forms of an embedding table that <see cref="EmbeddingStorage"/> offers, computed on the
/// table's device. The graph turns a looked-up row back into Float32 (<see cref="EmbeddingGraph"/>).</summary>
internal static class EmbeddingQuantization
{
    /// <summary>The largest magnitude an int8 value takes: symmetric, so -128 is never used and 0 stays exactly 0
    /// (the padding row, an untouched row).</summary>
    public const float Int8Limit = 127f;

    /// <summary><paramref name="table"/> [rows, dim] as Float16; refused, naming it, when a value does not fit.</summary>
    public static Tensor Float16(Tensor table, string name)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var half = table.detach().to_type(ScalarType.Float16);
        if (!half.isfinite().all().item<bool>())
        {
            double largest = table.detach().abs().max().to_type(ScalarType.Float64).item<double>();
            if (!double.IsFinite(largest)) throw NotFinite(name);
            throw new NotSupportedException(
                $"Embedding table '{name}' has a value of magnitude {largest:G6}, which float16 cannot hold (its largest is 65504): " +
                "export it with EmbeddingStorage.Int8 (a scale per row) or Float32.");
        }
        return half.DetachFromDisposeScope();
    }

    /// <summary><paramref name="table"/> [rows, dim] as symmetric int8 values [rows, dim] with one Float32 scale per
    /// row [rows, 1]: <c>scale = max|row| / 127</c>, <c>q = round(value / scale)</c> (half to even), so a row's largest
    /// value is stored exactly up to rounding of the scale and the others within scale / 2. An all-zero row gets scale 0.
    /// Rows are converted 64 MB at a time, so the export needs no Float32 copy of a whole table.</summary>
    public static (Tensor Values, Tensor Scales) Int8(Tensor table, string name)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long rows = table.shape[0], dim = table.shape[1];
        var values = empty(new[] { rows, dim }, ScalarType.Int8, device: table.device);
        var scales = empty(new[] { rows, 1L }, ScalarType.Float32, device: table.device);
        long step = Math.Max(1, Training.TensorFormat.PartBytes / (dim * sizeof(float)));
        using Scalar limit = Int8Limit.ToScalar(), negativeLimit = (-Int8Limit).ToScalar();
        for (long start = 0; start < rows; start += step)
        {
            using var part = NewDisposeScope();
            long count = Math.Min(step, rows - start);
            var block = table.detach().narrow(0, start, count).to_type(ScalarType.Float32);
            var scale = block.abs().amax(new long[] { 1 }, keepdim: true).div(limit);
            if (!scale.isfinite().all().item<bool>()) throw NotFinite(name);
            var divisor = scale.where(scale.gt(Scalars.Zero), ones_like(scale));
            values.narrow(0, start, count).copy_(block.div(divisor).round().clamp(negativeLimit, limit).to_type(ScalarType.Int8));
            scales.narrow(0, start, count).copy_(scale);
        }
        return (values.DetachFromDisposeScope(), scales.DetachFromDisposeScope());
    }

    private static NotSupportedException NotFinite(string name) =>
        new($"Embedding table '{name}' holds a value that is not finite (NaN or infinite): it cannot be stored compactly, and the model would not score.");
}
