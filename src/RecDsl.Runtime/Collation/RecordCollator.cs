using System.Runtime.InteropServices;
using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Collation;

/// <summary>
/// Base of the generated <c>{Record}Collator</c>: turns records into a typed batch. The generated
/// <see cref="Fill"/> reads the members column by column (no reflection, no boxing) into reused
/// <see cref="HostBuffers"/>; this class then makes one tensor per block with a single copy each (on CUDA through
/// pinned staging and a non-blocking copy: <see cref="DeviceUpload"/>).
/// </summary>
/// <remarks>
/// A collator reuses its buffers, so one instance must not be used from several threads at once; create one
/// per thread (they are cheap) and share the immutable vocabularies.
/// </remarks>
public abstract class RecordCollator<TRecord, TBatch> where TBatch : FeatureBatch
{
    private readonly HostBuffers buffers;
    private TRecord[] scratch = Array.Empty<TRecord>();

    /// <summary>Creates the collator for <paramref name="schema"/>.</summary>
    protected RecordCollator(FeatureSchema schema)
    {
        Schema = schema;
        buffers = new HostBuffers(schema.Sparse.Count, schema.Dense.Count, schema.Sequences.Select(s => s.MaxLen).ToArray(),
            schema.Labels.Label is not null, schema.Labels.ClickLabel is not null, schema.Labels.ConversionLabel is not null);
        Oov = new OovCounter(schema.Features.Where(f => f.Kind != FeatureKind.Dense).Select(f => f.Name).ToArray());
    }

    /// <summary>The declaration this collator follows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>OOV ids counted per sparse and sequence feature since the last <see cref="OovCounter.Reset"/>.</summary>
    public OovCounter Oov { get; }

    /// <summary>Collates <paramref name="records"/> into a batch on <paramref name="device"/> (CPU when null).</summary>
    /// <exception cref="CollationException">A value cannot be collated; the message names member, value and row.</exception>
    public TBatch Collate(IReadOnlyList<TRecord> records, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        switch (records)
        {
            case TRecord[] array:
                return Collate(array.AsSpan(), device);
            case List<TRecord> list:
                return Collate(CollectionsMarshal.AsSpan(list), device);
            default:
                if (scratch.Length < records.Count) scratch = new TRecord[records.Count];
                for (int i = 0; i < records.Count; i++) scratch[i] = records[i];
                try
                {
                    return Collate(scratch.AsSpan(0, records.Count), device);
                }
                finally
                {
                    // Do not keep the caller's records alive through the scratch array.
                    Array.Clear(scratch, 0, records.Count);
                }
        }
    }

    /// <summary>Collates <paramref name="records"/> into a batch on <paramref name="device"/> (CPU when null).</summary>
    /// <exception cref="CollationException">A value cannot be collated; the message names member, value and row.</exception>
    public TBatch Collate(ReadOnlySpan<TRecord> records, Device? device = null)
    {
        Backend.TorchBackend.EnsureLoaded();
        int rows = records.Length;
        if (!typeof(TRecord).IsValueType)
        {
            // The generated loops read members without null checks; say which record is missing instead of a bare
            // NullReferenceException from inside them.
            for (int i = 0; i < rows; i++)
                if (records[i] is null) throw new ArgumentException($"Record {i} of the batch is null.", nameof(records));
        }
        buffers.Prepare(rows);
        buffers.Groups = Schema.Labels.Group is null ? null : new long[rows];
        Fill(records, buffers);

        var target = device ?? CPU;
        var tensors = new List<Tensor>();
        try
        {
            var sparse = Track(tensors, DeviceUpload.Int64(buffers.Sparse, new long[] { rows, buffers.SparseWidth }, target));
            var dense = Track(tensors, DeviceUpload.Float32(buffers.Dense, new long[] { rows, buffers.DenseWidth }, target));
            var sequences = new Tensor[buffers.Sequences.Length];
            for (int s = 0; s < sequences.Length; s++)
                sequences[s] = Track(tensors, DeviceUpload.Int64(buffers.Sequences[s], new long[] { rows, buffers.SequenceLengths[s] }, target));
            var label = buffers.HasLabel ? Track(tensors, DeviceUpload.Float32(buffers.Label, new long[] { rows }, target)) : null;
            var click = buffers.HasClickLabel ? Track(tensors, DeviceUpload.Float32(buffers.ClickLabel, new long[] { rows }, target)) : null;
            var conversion = buffers.HasConversionLabel ? Track(tensors, DeviceUpload.Float32(buffers.ConversionLabel, new long[] { rows }, target)) : null;
            var batch = CreateBatch(rows, sparse, dense, sequences, label, click, conversion, buffers.Groups);
            tensors.Clear();
            return batch;
        }
        finally
        {
            // Only reached with tensors left when something threw before the batch took ownership.
            foreach (var t in tensors) t.Dispose();
        }
    }

    /// <summary>Rows per tile of <see cref="Fill"/>: generated code fills member by member within tiles this size, so the
    /// records a tile re-reads for each member (and the buffer rows it writes) stay in the CPU cache. 256 Criteo-shaped
    /// records and their buffer rows take about 100 KB.</summary>
    protected const int TileRows = 256;

    /// <summary>Writes the first <c>records.Length</c> rows of every buffer. Generated: one loop per member within
    /// tiles of <see cref="TileRows"/> rows.</summary>
    protected abstract void Fill(ReadOnlySpan<TRecord> records, HostBuffers buffers);

    /// <summary>Wraps the tensors in the typed batch. Generated.</summary>
    protected abstract TBatch CreateBatch(int count, Tensor sparseRows, Tensor dense, Tensor[] sequenceRows,
        Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups);

    private static Tensor Track(List<Tensor> owned, Tensor tensor)
    {
        owned.Add(tensor);
        return tensor;
    }
}
