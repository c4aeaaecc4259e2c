using RecDsl.Backend;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>Reads the sparse COO gradient of an embedding weight as one summed gradient per distinct row.</summary>
/// <remarks>An embedding's sparse gradient lists one entry per looked-up id, so a row looked up k times appears k
/// times (TorchSharp 0.107 has no <c>coalesce</c>). Summing them gives exactly that row of the dense gradient.</remarks>
internal static class SparseRowGradient
{
    /// <summary>The distinct rows of <paramref name="gradient"/> (sorted, Int64 [U]) and the sum of its entries for
    /// each (Float [U, dim]). The sums add entries in the order they appear, as the dense embedding backward does.</summary>
    public static (Tensor Rows, Tensor Values) SumDuplicates(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        using var indices = gradient.SparseIndices;
        using var entries = gradient.SparseValues;
        var (rows, inverse, _) = unique(indices[0], sorted: true, return_inverse: true);
        var sums = zeros(rows.shape[0], entries.shape[1], entries.dtype, entries.device).index_add_(0, inverse!, entries, Scalars.One);
        return (rows.MoveToOuterDisposeScope(), sums.MoveToOuterDisposeScope());
    }
}
