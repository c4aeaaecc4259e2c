using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>
/// A <see cref="FeatureBatch"/> (as the generated collator makes it, ids already mapped to table rows) as the inputs of
/// an exported model: one entry per feature of the record, named after the member, in declaration order. Sparse:
/// Int64 [B] rows; dense: Float32 [B] values; sequence: Int64 [B, MaxLen] rows padded with 0 at the end.
/// </summary>
public static class ExportInputs
{
    /// <summary>The inputs as CPU tensors (the PyTorch module's inputs and the round-trip files).</summary>
    public static Dictionary<string, Tensor> Tensors(FeatureSchema schema, FeatureBatch batch) =>
        schema.Features.ToDictionary(f => f.Name, f => f.Kind switch
        {
            FeatureKind.Sparse => batch.SparseRows.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Dense => batch.Dense.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Sequence => batch.SequenceRows[f.Slot].cpu().contiguous(),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
        });

    /// <summary>The inputs as host arrays with their shapes (<c>long[]</c> or <c>float[]</c>, row-major), ready
    /// for ONNX Runtime's <c>DenseTensor&lt;T&gt;(values, shape)</c>.</summary>
    public static Dictionary<string, ExportInput> Arrays(FeatureSchema schema, FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        return Tensors(schema, batch).ToDictionary(p => p.Key, p => new ExportInput(
            p.Value.dtype == ScalarType.Int64 ? p.Value.data<long>().ToArray() : p.Value.data<float>().ToArray(),
            p.Value.shape.Select(d => checked((int)d)).ToArray()));
    }
}

/// <summary>One model input on the host.</summary>
/// <param name="Values"><c>long[]</c> (table rows) or <c>float[]</c> (dense values), row-major.</param>
/// <param name="Shape">[B] or [B, MaxLen].</param>
public sealed record ExportInput(Array Values, int[] Shape);
