using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>
/// A <see cref="FeatureBatch"/> (as the generated collator makes it, ids already mapped to table rows) as the inputs of
/// an exported model: one entry per feature of the record, named after the member, in declaration order. Sparse:
/// Int64 [B] rows; dense: Float32 [B] values; sequence: Int64 [B, MaxLen] rows padded with 0 at the end.
/// </summary>
/// <remarks>The batch is checked first, as the trainer checks one: collated for the schema's record, with its columns
/// and, given the network, through the network's vocabularies. The exported graph cannot tell: a batch of another
/// record or vocabulary would be scored on the wrong rows without a word. Labels are not needed.</remarks>
public static class ExportInputs
{
    /// <summary>The inputs of <paramref name="network"/>'s export as CPU tensors.</summary>
    /// <exception cref="ArgumentException">The batch was collated for another record or through other vocabularies
    /// than the network's, or its columns differ from the declaration's.</exception>
    public static Dictionary<string, Tensor> Tensors(RecNetwork network, FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        BatchLayout.RequireFeatures(network.Schema, network.VocabulariesOfBatches, batch, nameof(batch), "batch");
        return Split(network.Schema, batch);
    }

    /// <summary>The inputs as CPU tensors (the PyTorch module's inputs and the round-trip files). Without the network
    /// the vocabularies cannot be checked: prefer <see cref="Tensors(RecNetwork, FeatureBatch)"/>.</summary>
    /// <exception cref="ArgumentException">The batch was collated for another record, or its columns differ from the
    /// declaration's.</exception>
    public static Dictionary<string, Tensor> Tensors(FeatureSchema schema, FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batch);
        BatchLayout.RequireFeatures(schema, vocabularies: null, batch, nameof(batch), "batch");
        return Split(schema, batch);
    }

    /// <summary>The inputs of <paramref name="network"/>'s export as host arrays with their shapes (<c>long[]</c> or
    /// <c>float[]</c>, row-major), ready for ONNX Runtime's <c>DenseTensor&lt;T&gt;(values, shape)</c>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Tensors(RecNetwork, FeatureBatch)"/>.</exception>
    public static Dictionary<string, ExportInput> Arrays(RecNetwork network, FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        return ToArrays(Tensors(network, batch));
    }

    /// <summary>The inputs as host arrays with their shapes; the vocabularies cannot be checked without the network:
    /// prefer <see cref="Arrays(RecNetwork, FeatureBatch)"/>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Tensors(FeatureSchema, FeatureBatch)"/>.</exception>
    public static Dictionary<string, ExportInput> Arrays(FeatureSchema schema, FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        return ToArrays(Tensors(schema, batch));
    }

    private static Dictionary<string, Tensor> Split(FeatureSchema schema, FeatureBatch batch) =>
        schema.Features.ToDictionary(f => f.Name, f => f.Kind switch
        {
            FeatureKind.Sparse => batch.SparseRows.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Dense => batch.Dense.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Sequence => batch.SequenceRows[f.Slot].cpu().contiguous(),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
        });

    // data<T>().ToArray() throws on a tensor with no elements, so an empty batch gets empty arrays directly.
    private static Dictionary<string, ExportInput> ToArrays(Dictionary<string, Tensor> tensors) =>
        tensors.ToDictionary(p => p.Key, p => new ExportInput(
            p.Value.dtype == ScalarType.Int64
                ? p.Value.numel() == 0 ? Array.Empty<long>() : p.Value.data<long>().ToArray()
                : p.Value.numel() == 0 ? Array.Empty<float>() : p.Value.data<float>().ToArray(),
            p.Value.shape.Select(d => checked((int)d)).ToArray()));
}

/// <summary>One model input on the host.</summary>
/// <param name="Values"><c>long[]</c> (table rows) or <c>float[]</c> (dense values), row-major.</param>
/// <param name="Shape">[B] or [B, MaxLen].</param>
public sealed record ExportInput(Array Values, int[] Shape);
