using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using RecDsl.Vocabularies;
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
        return Split(Checked(network.Schema, network.VocabulariesOfBatches, batch), batch);
    }

    /// <summary>The inputs as CPU tensors (the PyTorch module's inputs and the round-trip files). Without the network
    /// the vocabularies cannot be checked: prefer <see cref="Tensors(RecNetwork, FeatureBatch)"/>.</summary>
    /// <exception cref="ArgumentException">The batch was collated for another record, or its columns differ from the
    /// declaration's.</exception>
    public static Dictionary<string, Tensor> Tensors(FeatureSchema schema, FeatureBatch batch)
    {
        return Split(Checked(schema, vocabularies: null, batch), batch);
    }

    /// <summary>The inputs of <paramref name="network"/>'s export as host arrays with their shapes (<c>long[]</c> or
    /// <c>float[]</c>, row-major), ready for ONNX Runtime's <c>DenseTensor&lt;T&gt;(values, shape)</c>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Tensors(RecNetwork, FeatureBatch)"/>.</exception>
    public static Dictionary<string, ExportInput> Arrays(RecNetwork network, FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(network);
        return HostArrays(Checked(network.Schema, network.VocabulariesOfBatches, batch), batch);
    }

    /// <summary>The inputs as host arrays with their shapes; the vocabularies cannot be checked without the network:
    /// prefer <see cref="Arrays(RecNetwork, FeatureBatch)"/>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Tensors(FeatureSchema, FeatureBatch)"/>.</exception>
    public static Dictionary<string, ExportInput> Arrays(FeatureSchema schema, FeatureBatch batch)
    {
        return HostArrays(Checked(schema, vocabularies: null, batch), batch);
    }

    // The trainer's checks without the labels; the vocabularies only when the network gave them.
    private static FeatureSchema Checked(FeatureSchema schema, VocabularySet? vocabularies, FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batch);
        BatchLayout.RequireFeatures(schema, vocabularies, batch, nameof(batch), "batch");
        return schema;
    }

    // Each block is made column-major on the host in one libtorch call, and each feature's column is copied out of its
    // memory as one span: a serving request pays a few microseconds here, where one select + cpu + copy per feature
    // cost about 4 us each (136 us for Criteo's 39 features at one row, more than ONNX Runtime's run of the model).
    // No intermediate managed copy of a block: at 4096 rows one would be a large-object allocation per call.
    private static Dictionary<string, ExportInput> HostArrays(FeatureSchema schema, FeatureBatch batch)
    {
        int rows = batch.Count;
        using var scope = torch.NewDisposeScope();
        var sparse = ColumnMajor(batch.SparseRows);
        var dense = ColumnMajor(batch.Dense);
        return schema.Features.ToDictionary(f => f.Name, f => f.Kind switch
        {
            FeatureKind.Sparse => new ExportInput(Values<long>(sparse, (long)f.Slot * rows, rows), new[] { rows }),
            FeatureKind.Dense => new ExportInput(Values<float>(dense, (long)f.Slot * rows, rows), new[] { rows }),
            FeatureKind.Sequence => new ExportInput(Values<long>(batch.SequenceRows[f.Slot].cpu().contiguous(), 0, (long)rows * f.MaxLen), new[] { rows, f.MaxLen }),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
        });
    }

    // [rows, width] -> [width, rows], contiguous on the host: column s is the run [s * rows, (s + 1) * rows).
    private static Tensor ColumnMajor(Tensor block) => block.cpu().t().contiguous();

    private static T[] Values<T>(Tensor host, long start, long count) where T : unmanaged
    {
        if (count == 0) return Array.Empty<T>();
        long size = Unsafe.SizeOf<T>();
        if (host.numel() * size <= int.MaxValue) return MemoryMarshal.Cast<byte, T>(host.bytes).Slice(checked((int)start), checked((int)count)).ToArray();
        // A block over 2 GB (a batch of millions of rows) cannot be one span of bytes: copy the run in 1 GB parts.
        var values = new T[count];
        using var flat = host.view(-1);
        long partElements = (1L << 30) / size;
        for (long at = 0; at < count; at += partElements)
        {
            int n = (int)Math.Min(partElements, count - at);
            using var part = flat.narrow(0, start + at, n);
            MemoryMarshal.Cast<byte, T>(part.bytes).CopyTo(values.AsSpan((int)at, n));
        }
        return values;
    }

    private static Dictionary<string, Tensor> Split(FeatureSchema schema, FeatureBatch batch) =>
        schema.Features.ToDictionary(f => f.Name, f => f.Kind switch
        {
            FeatureKind.Sparse => batch.SparseRows.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Dense => batch.Dense.select(1, f.Slot).cpu().contiguous(),
            FeatureKind.Sequence => batch.SequenceRows[f.Slot].cpu().contiguous(),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
        });
}

/// <summary>One model input on the host.</summary>
/// <param name="Values"><c>long[]</c> (table rows) or <c>float[]</c> (dense values), row-major.</param>
/// <param name="Shape">[B] or [B, MaxLen].</param>
public sealed record ExportInput(Array Values, int[] Shape);
