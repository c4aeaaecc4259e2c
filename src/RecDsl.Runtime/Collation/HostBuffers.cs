namespace RecDsl.Collation;

/// <summary>
/// The host-side arrays a generated collator fills, reused from call to call (they only grow). Layout matches
/// <see cref="Batching.FeatureBatch"/>: row-major, so element (row i, column c) of a block with width W is at
/// <c>i * W + c</c>. Only the first <c>rows * width</c> elements of each array belong to the current batch.
/// </summary>
public sealed class HostBuffers
{
    internal HostBuffers(int sparseWidth, int denseWidth, IReadOnlyList<int> sequenceLengths, bool label, bool clickLabel, bool conversionLabel)
    {
        SparseWidth = sparseWidth;
        DenseWidth = denseWidth;
        SequenceLengths = sequenceLengths.ToArray();
        Sequences = SequenceLengths.Select(_ => Array.Empty<long>()).ToArray();
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
    public long[] Sparse { get; private set; } = Array.Empty<long>();

    /// <summary>Dense values, [rows, DenseWidth].</summary>
    public float[] Dense { get; private set; } = Array.Empty<float>();

    /// <summary>Per sequence slot: embedding rows, [rows, MaxLen], padded with row 0 at the end.</summary>
    public long[][] Sequences { get; }

    /// <summary>Single-task label, [rows] (empty when the record declares none).</summary>
    public float[] Label { get; private set; } = Array.Empty<float>();

    /// <summary>ESMM click label, [rows] (empty when the record declares none).</summary>
    public float[] ClickLabel { get; private set; } = Array.Empty<float>();

    /// <summary>ESMM conversion label, [rows] (empty when the record declares none).</summary>
    public float[] ConversionLabel { get; private set; } = Array.Empty<float>();

    /// <summary>gAUC groups of the current batch: a fresh array per batch (the batch keeps it), or null.</summary>
    public long[]? Groups { get; internal set; }

    /// <summary>Makes every buffer hold at least <paramref name="rows"/> rows; grows by doubling so that a
    /// stream of batches of similar size stops allocating after the first one.</summary>
    internal void Prepare(int rows)
    {
        Rows = rows;
        Sparse = Grow(Sparse, rows * SparseWidth);
        Dense = Grow(Dense, rows * DenseWidth);
        for (int s = 0; s < Sequences.Length; s++) Sequences[s] = Grow(Sequences[s], rows * SequenceLengths[s]);
        if (HasLabel) Label = Grow(Label, rows);
        if (HasClickLabel) ClickLabel = Grow(ClickLabel, rows);
        if (HasConversionLabel) ConversionLabel = Grow(ConversionLabel, rows);
    }

    private static T[] Grow<T>(T[] array, int length) =>
        array.Length >= length ? array : new T[Math.Max(length, array.Length * 2)];
}
