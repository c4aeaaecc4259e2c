using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>The compact forms of an embedding table that <see cref="EmbeddingStorage"/> offers, computed on the
/// table's device. The graph turns a looked-up row back into Float32 (<see cref="EmbeddingGraph"/>).</summary>
internal static class EmbeddingQuantization
{
    /// <summary>The largest magnitude an int8 value takes: symmetric, so -128 is never used and 0 stays exactly 0
    /// (the padding row, an untouched row).</summary>
    public const float Int8Limit = 127f;

    /// <summary>The smallest magnitude float16 rounds to infinity: 65504 is its largest value, and a value from
    /// 65520 on rounds up (to nearest even) past it.</summary>
    public const float Float16Overflow = 65520f;

    /// <summary><paramref name="table"/> [rows, dim] as Float16; refused, naming it, when a value does not fit.</summary>
    public static Tensor Float16(Tensor table, string name)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Checked on the Float32 values with max and min, which allocate nothing: abs() would copy the whole table,
        // and isfinite on the half values is slower than the conversion itself (measured: 4-6 s for a 1 GB table).
        var values = table.detach();
        double largest = Math.Max(values.max().to_type(ScalarType.Float64).item<double>(), -values.min().to_type(ScalarType.Float64).item<double>());
        if (!double.IsFinite(largest)) throw NotFinite(name);
        if (largest >= Float16Overflow)
            throw new NotSupportedException(
                $"Embedding table '{name}' has a value of magnitude {largest:G6}, which float16 cannot hold (its largest is 65504): " +
                "export it with EmbeddingStorage.Int8 (a scale per row) or Float32.");
        return values.to_type(ScalarType.Float16).DetachFromDisposeScope();
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
            // A view of the weights when they are Float32: only the division below makes a new block.
            var block = table.detach().narrow(0, start, count).to_type(ScalarType.Float32);
            // max|x| as max(max x, -min x): two reads, where abs() would first write a copy of the block.
            var scale = maximum(block.amax(new long[] { 1 }, keepdim: true), block.amin(new long[] { 1 }, keepdim: true).neg_()).div_(limit);
            if (!scale.isfinite().all().item<bool>()) throw NotFinite(name);
            var divisor = scale.where(scale.gt(Scalars.Zero), ones_like(scale));
            // Whole numbers in [-127, 127] after round and clamp, so the conversion in copy_ is exact.
            values.narrow(0, start, count).copy_(block.div(divisor).round_().clamp_(negativeLimit, limit));
            scales.narrow(0, start, count).copy_(scale);
        }
        return (values.DetachFromDisposeScope(), scales.DetachFromDisposeScope());
    }

    private static NotSupportedException NotFinite(string name) =>
        new($"Embedding table '{name}' holds a value that is not finite (NaN or infinite): it cannot be stored compactly, and the model would not score.");
}
