using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace RecDsl.Collation;

/// <summary>
/// The blocks a generated collator fills for one batch. Layout matches <see cref="Batching.FeatureBatch"/>: row-major,
/// so element (row i, column c) of a block with width W is at <c>i * W + c</c>; every span holds exactly the current
/// batch's rows.
/// </summary>
/// <remarks>
/// For a CPU batch the spans are the memory of the batch's own new tensors, so filling them is the whole job (no copy
/// afterwards). For other devices they are managed arrays reused from batch to batch (grown by doubling), which
/// <see cref="DeviceUpload"/> then copies to the device.
/// </remarks>
public sealed class HostBuffers
{
    private long[] sparse = Array.Empty<long>();
    private float[] dense = Array.Empty<float>();
    private readonly long[][] sequences;
    private float[] label = Array.Empty<float>(), clickLabel = Array.Empty<float>(), conversionLabel = Array.Empty<float>();
    private BatchTensors? tensors;

    internal HostBuffers(int sparseWidth, int denseWidth, IReadOnlyList<int> sequenceLengths, bool label, bool clickLabel, bool conversionLabel)
    {
        SparseWidth = sparseWidth;
        DenseWidth = denseWidth;
        SequenceLengths = sequenceLengths.ToArray();
        sequences = SequenceLengths.Select(_ => Array.Empty<long>()).ToArray();
        HasLabel = label;
        HasClickLabel = clickLabel;
        HasConversionLabel = conversionLabel;
    }

    /// <summary>Rows of the current batch.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of <see cref="Sparse"/> (sparse slots).</summary>
    public int SparseWidth { get; }

    /// <summary>Columns of <see cref="Dense"/> (dense slots).</summary>
    public int DenseWidth { get; }

    /// <summary>MaxLen of each sequence slot.</summary>
    public IReadOnlyList<int> SequenceLengths { get; }

    internal bool HasLabel { get; }
    internal bool HasClickLabel { get; }
    internal bool HasConversionLabel { get; }

    /// <summary>Embedding rows of the sparse features, [rows, SparseWidth].</summary>
    public Span<long> Sparse => tensors is { } t ? Of<long>(t.Sparse) : sparse.AsSpan(0, Rows * SparseWidth);

    /// <summary>Dense values, [rows, DenseWidth].</summary>
    public Span<float> Dense => tensors is { } t ? Of<float>(t.Dense) : dense.AsSpan(0, Rows * DenseWidth);

    /// <summary>Embedding rows of sequence slot <paramref name="slot"/>, [rows, MaxLen], padded with row 0 at the end.</summary>
    public Span<long> Sequence(int slot) => tensors is { } t ? Of<long>(t.Sequences[slot]) : sequences[slot].AsSpan(0, Rows * SequenceLengths[slot]);

    /// <summary>Single-task label, [rows] (empty when the record declares none).</summary>
    public Span<float> Label => tensors is { } t ? Of<float>(t.Label) : label.AsSpan(0, HasLabel ? Rows : 0);

    /// <summary>ESMM click label, [rows] (empty when the record declares none).</summary>
    public Span<float> ClickLabel => tensors is { } t ? Of<float>(t.ClickLabel) : clickLabel.AsSpan(0, HasClickLabel ? Rows : 0);

    /// <summary>ESMM conversion label, [rows] (empty when the record declares none).</summary>
    public Span<float> ConversionLabel => tensors is { } t ? Of<float>(t.ConversionLabel) : conversionLabel.AsSpan(0, HasConversionLabel ? Rows : 0);

    /// <summary>gAUC groups of the current batch: a fresh array per batch (the batch keeps it), or null.</summary>
    public long[]? Groups { get; internal set; }

    /// <summary>New CPU tensors of the batch's blocks for <paramref name="rows"/> rows; until <see cref="Release"/>, the
    /// spans are their memory (uninitialised: the generated Fill writes every element).</summary>
    internal BatchTensors AllocateCpu(int rows)
    {
        Rows = rows;
        Tensor? Labels(bool has) => has ? empty(new long[] { rows }, ScalarType.Float32) : null;
        tensors = new BatchTensors(
            empty(new long[] { rows, SparseWidth }, ScalarType.Int64),
            empty(new long[] { rows, DenseWidth }, ScalarType.Float32),
            SequenceLengths.Select(length => empty(new long[] { rows, length }, ScalarType.Int64)).ToArray(),
            Labels(HasLabel), Labels(HasClickLabel), Labels(HasConversionLabel));
        return tensors;
    }

    /// <summary>Makes the reused arrays hold at least <paramref name="rows"/> rows (they only grow, by doubling, so a
    /// stream of batches of similar size stops allocating after the first one); the spans are those arrays.</summary>
    internal void Prepare(int rows)
    {
        tensors = null;
        Rows = rows;
        sparse = Grow(sparse, rows * SparseWidth);
        dense = Grow(dense, rows * DenseWidth);
        for (int s = 0; s < sequences.Length; s++) sequences[s] = Grow(sequences[s], rows * SequenceLengths[s]);
        if (HasLabel) label = Grow(label, rows);
        if (HasClickLabel) clickLabel = Grow(clickLabel, rows);
        if (HasConversionLabel) conversionLabel = Grow(conversionLabel, rows);
    }

    /// <summary>Forgets the tensors of <see cref="AllocateCpu"/> (the batch owns them now, or they were disposed).</summary>
    internal void Release() => tensors = null;

    // The arrays behind the spans after Prepare, for DeviceUpload.
    internal long[] SparseArray => sparse;
    internal float[] DenseArray => dense;
    internal long[] SequenceArray(int slot) => sequences[slot];
    internal float[] LabelArray => label;
    internal float[] ClickLabelArray => clickLabel;
    internal float[] ConversionLabelArray => conversionLabel;

    private static Span<T> Of<T>(Tensor? tensor) where T : unmanaged =>
        tensor is null || tensor.NumberOfElements == 0 ? Span<T>.Empty : MemoryMarshal.Cast<byte, T>(tensor.bytes);

    private static T[] Grow<T>(T[] array, int length) =>
        array.Length >= length ? array : new T[Math.Max(length, array.Length * 2)];
}

/// <summary>The tensors of one CPU batch, filled in place through <see cref="HostBuffers"/>.</summary>
internal sealed record BatchTensors(Tensor Sparse, Tensor Dense, Tensor[] Sequences, Tensor? Label, Tensor? ClickLabel, Tensor? ConversionLabel)
{
    public IEnumerable<Tensor> All() =>
        new[] { Sparse, Dense }.Concat(Sequences).Concat(new[] { Label, ClickLabel, ConversionLabel }.OfType<Tensor>());
}
