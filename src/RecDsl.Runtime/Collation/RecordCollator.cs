using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RecDsl.Batching;
using RecDsl.Schema;
using RecDsl.Vocabularies;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Collation;

/// <summary>
/// Base of the generated <c>{Record}Collator</c>: turns records into a typed batch. The generated
/// <see cref="Fill"/> reads each record once, member by member (no reflection, no boxing), into the rows of
/// <see cref="HostBuffers"/>: for a CPU batch the memory of its new tensors (nothing is copied afterwards), for other
/// devices reused host arrays that this class then copies with one copy per block (on CUDA through pinned staging
/// and a non-blocking copy: <see cref="DeviceUpload"/>).
/// </summary>
/// <remarks>
/// A collator reuses its buffers, so one instance must not be used from several threads at once; create one
/// per thread (they are cheap) and share the immutable vocabularies. A second thread entering <c>Collate</c> while
/// one runs gets an <see cref="InvalidOperationException"/> instead of a batch mixed with the other's rows.
/// </remarks>
public abstract class RecordCollator<TRecord, TBatch> where TBatch : FeatureBatch
{
    private readonly HostBuffers buffers;
    private TRecord[] scratch = Array.Empty<TRecord>();
    private int collating; // 1 while a Collate runs: a second thread would fill the same buffers (see Enter)

    /// <summary>Creates the collator for <paramref name="schema"/>, mapping strings through <paramref name="vocabularies"/>
    /// (null when the record has no vocabulary).</summary>
    protected RecordCollator(FeatureSchema schema, VocabularySet? vocabularies = null)
    {
        Schema = schema;
        Vocabularies = vocabularies;
        buffers = new HostBuffers(schema.Sparse.Count, schema.Dense.Count, schema.Sequences.Select(s => s.MaxLen).ToArray(),
            schema.Labels.Label is not null, schema.Labels.ClickLabel is not null, schema.Labels.ConversionLabel is not null);
        Oov = new OovCounter(schema.Features.Where(f => f.Kind != FeatureKind.Dense).Select(f => f.Name).ToArray());
        widestRowBytes = Math.Max(Math.Max(schema.Sparse.Count * 8L, Math.Max(schema.Dense.Count, 1) * 4L),
            schema.Sequences.Count == 0 ? 0 : schema.Sequences.Max(s => s.MaxLen) * 8L);
    }

    /// <summary>The declaration this collator follows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The vocabularies the strings are mapped through, stamped on every batch
    /// (<see cref="FeatureBatch.Vocabularies"/>); null when the record has none.</summary>
    public VocabularySet? Vocabularies { get; }

    /// <summary>OOV ids counted per sparse and sequence feature since the last <see cref="OovCounter.Reset"/>.</summary>
    public OovCounter Oov { get; }

    /// <summary>Collates <paramref name="records"/> into a batch on <paramref name="device"/> (CPU when null).</summary>
    /// <exception cref="CollationException">A value cannot be collated; the message names member, value and row.</exception>
    /// <exception cref="InvalidOperationException">Another thread is collating with this collator.</exception>
    public TBatch Collate(IReadOnlyList<TRecord> records, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        Enter();
        try
        {
            switch (records)
            {
                case TRecord[] array:
                    return CollateCore(array.AsSpan(), device);
                case List<TRecord> list:
                    return CollateCore(CollectionsMarshal.AsSpan(list), device);
                default:
                    if (scratch.Length < records.Count) scratch = new TRecord[records.Count];
                    for (int i = 0; i < records.Count; i++) scratch[i] = records[i];
                    try
                    {
                        return CollateCore(scratch.AsSpan(0, records.Count), device);
                    }
                    finally
                    {
                        // Do not keep the caller's records alive through the scratch array.
                        Array.Clear(scratch, 0, records.Count);
                    }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Collates <paramref name="records"/> into a batch on <paramref name="device"/> (CPU when null).</summary>
    /// <exception cref="CollationException">A value cannot be collated; the message names member, value and row.</exception>
    /// <exception cref="InvalidOperationException">Another thread is collating with this collator.</exception>
    public TBatch Collate(ReadOnlySpan<TRecord> records, Device? device = null) => Collate(records, device, firstRow: 0);

    /// <summary><see cref="Collate(ReadOnlySpan{TRecord}, Device?)"/> for records that are rows <paramref name="firstRow"/>..
    /// of the caller's list (<c>Predict</c>'s batches): errors name the row in that list.</summary>
    internal TBatch Collate(ReadOnlySpan<TRecord> records, Device? device, int firstRow)
    {
        Enter();
        try
        {
            return CollateCore(records, device, firstRow);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Collates every record of <paramref name="records"/> into one batch on <paramref name="device"/> (CPU when
    /// null), reading the sequence once, <see cref="StreamChunkRows"/> records at a time, without holding its records:
    /// a file read lazily (<c>collator.Collate(reader.Open("train.csv"))</c>) costs the batch's tensors, not its records
    /// as objects. The batch is the one <see cref="Collate(IReadOnlyList{TRecord}, Device?)"/> makes of the same records
    /// (a list or an array takes that path directly).</summary>
    /// <remarks>The chunks are joined at the end, one block (sparse rows, dense values, each sequence, each label) at a
    /// time, each chunk's part freed as soon as it is copied into place. On the CPU the peak is about the batch plus one
    /// chunk of records. For another device (a GPU, whose memory is taken when allocated) the chunks are collated on the
    /// host and joined onto the device: the device holds the batch alone, the host the batch and one chunk of records.</remarks>
    /// <exception cref="CollationException">A value cannot be collated; <see cref="CollationException.Row"/> is the
    /// record's position in the sequence.</exception>
    /// <exception cref="InvalidOperationException">Another thread is collating with this collator.</exception>
    public TBatch Collate(IEnumerable<TRecord> records, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records is IReadOnlyList<TRecord> list) return Collate(list, device);
        Enter();
        try
        {
            return CollateStream(records, device, firstRow: 0);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Collates <paramref name="records"/> into consecutive batches of <paramref name="rowsPerBlock"/> rows (the
    /// last may be shorter; none for no records), lazily: each block is read and collated, as
    /// <see cref="Collate(IEnumerable{TRecord}, Device?)"/> does, when the next is asked for, so a file larger than memory
    /// costs one block's tensors and one chunk of records. For streamed training:
    /// <c>trainer.Fit(() =&gt; collator.CollateBlocks(reader.Open("train.csv"), 1_000_000), validation)</c>. The caller
    /// owns each block (the trainer disposes the blocks it is given).</summary>
    /// <exception cref="CollationException">A value cannot be collated; <see cref="CollationException.Row"/> is the
    /// record's position in the whole sequence, not in its block.</exception>
    /// <exception cref="InvalidOperationException">Another thread is collating with this collator while a block is.</exception>
    public IEnumerable<TBatch> CollateBlocks(IEnumerable<TRecord> records, int rowsPerBlock, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBlock);
        return Blocks(records, rowsPerBlock, device);
    }

    private IEnumerable<TBatch> Blocks(IEnumerable<TRecord> records, int rowsPerBlock, Device? device)
    {
        using var source = records.GetEnumerator();
        var ended = new StrongBox<bool>();
        int firstRow = 0;
        while (!ended.Value)
        {
            TBatch block;
            Enter();
            try
            {
                block = CollateStream(Take(source, rowsPerBlock, ended), device, firstRow);
            }
            finally
            {
                Exit();
            }
            // A sequence that ends on a block boundary is only known to have ended when the next block comes up empty.
            if (block.Count == 0)
            {
                block.Dispose();
                yield break;
            }
            firstRow += block.Count;
            yield return block;
        }
    }

    // The next records of a shared enumerator, at most n; sets ended when it runs out.
    private static IEnumerable<TRecord> Take(IEnumerator<TRecord> source, int n, StrongBox<bool> ended)
    {
        for (int i = 0; i < n; i++)
        {
            if (!source.MoveNext())
            {
                ended.Value = true;
                yield break;
            }
            yield return source.Current;
        }
    }

    /// <summary>Records per chunk of <see cref="Collate(IEnumerable{TRecord}, Device?)"/> (default 65,536): small
    /// enough that the records in flight cost little, large enough that joining the chunks is a few copies. The batch
    /// does not depend on it.</summary>
    public int StreamChunkRows
    {
        get => streamChunkRows;
        set => streamChunkRows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one record per chunk.");
    }

    private int streamChunkRows = 65_536;

    private TBatch CollateStream(IEnumerable<TRecord> records, Device? device, int firstRow)
    {
        var chunks = new List<TBatch>();
        int total = 0;
        try
        {
            using (var next = records.GetEnumerator())
            {
                var reader = new RecordChunks<TRecord>(next, StreamChunkRows);
                do
                {
                    var chunk = reader.Next();
                    if (chunk.IsEmpty && chunks.Count > 0) break;
                    if (chunk.Length > int.MaxValue - total)
                        throw new InvalidOperationException($"The records are more than a batch can hold ({int.MaxValue} rows); collate them in parts.");
                    try
                    {
                        // Chunks are collated on the host, whatever the device, and joined onto it, straight into the
                        // batch's blocks: the device holds the batch and no more (chunks collated there, then joined,
                        // took the batch plus its largest block, so a batch of half a GPU's memory did not fit).
                        chunks.Add(CollateCore(chunk, CPU, firstRow + total));
                    }
                    finally
                    {
                        // Do not keep the caller's records alive through the chunk.
                        reader.Release();
                    }
                    total += chunk.Length;
                }
                while (!reader.Ended);
            }
            var target = device ?? CPU;
            if (chunks.Count == 1 && target.type == DeviceType.CPU)
            {
                var only = chunks[0];
                chunks.Clear();
                return only;
            }
            return Joined(chunks, total, target);
        }
        finally
        {
            foreach (var c in chunks) c.Dispose();
        }
    }

    // One batch of the chunks' rows in order, on target. Each block is joined and its parts freed before the next block.
    private TBatch Joined(List<TBatch> chunks, int total, Device target)
    {
        // Each chunk's part is copied into its rows of the joined tensor and freed at once. On the CPU the joined
        // tensor's pages become resident only as they are written, so the join costs about nothing on top of the
        // chunks (cat held all the parts and the whole result at once: the batch plus its largest block).
        Tensor Join(Func<TBatch, Tensor> block)
        {
            var firstPart = block(chunks[0]);
            var shape = firstPart.shape;
            shape[0] = total;
            var joined = empty(shape, firstPart.dtype, target);
            try
            {
                long at = 0;
                foreach (var c in chunks)
                {
                    var part = block(c);
                    long n = part.shape[0];
                    using (var rows = joined.narrow(0, at, n)) rows.copy_(part);
                    part.Dispose();
                    at += n;
                }
                return joined;
            }
            catch
            {
                joined.Dispose();
                throw;
            }
        }

        var owned = new List<Tensor>();
        try
        {
            var first = chunks[0];
            var sparse = Track(owned, Join(c => c.SparseRows));
            var dense = Track(owned, Join(c => c.Dense));
            var sequences = new Tensor[first.SequenceRows.Count];
            for (int s = 0; s < sequences.Length; s++)
            {
                int slot = s;
                sequences[s] = Track(owned, Join(c => c.SequenceRows[slot]));
            }
            var label = first.Label is null ? null : Track(owned, Join(c => c.Label!));
            var click = first.ClickLabel is null ? null : Track(owned, Join(c => c.ClickLabel!));
            var conversion = first.ConversionLabel is null ? null : Track(owned, Join(c => c.ConversionLabel!));
            var groups = first.Groups is null ? null : chunks.SelectMany(c => c.Groups!).ToArray();
            var batch = CreateBatch(total, sparse, dense, sequences, label, click, conversion, groups);
            owned.Clear();
            return Stamped(batch);
        }
        finally
        {
            // Only reached with tensors left when something threw before the batch took ownership.
            foreach (var t in owned) t.Dispose();
        }
    }

    // One interlocked exchange per batch. Without it two threads sharing a collator fill the same host buffers and
    // OOV counts: batches that mix rows of both, silently (the class remarks say to use one per thread).
    private void Enter()
    {
        if (Interlocked.Exchange(ref collating, 1) != 0)
            throw new InvalidOperationException(
                $"This {GetType().Name} is already collating a batch on another thread. A collator reuses its buffers, so " +
                "use one per thread (model.CreateCollator() or new collators, which are cheap; vocabularies can be shared).");
    }

    private void Exit() => Volatile.Write(ref collating, 0);

    /// <summary>The largest block, in bytes, collated in one piece (2 GB: a block is filled through one span, and a
    /// span of bytes ends there; 10.3M Criteo rows, or 1.3M rows of a 200-item history). A larger batch is collated
    /// in parts of <see cref="StreamChunkRows"/> records or fewer and joined, as a stream is. Lowered by tests.</summary>
    internal long MaxBlockBytes { get; set; } = int.MaxValue;

    // Bytes per row of the widest block: sparse rows and sequences are Int64, dense values and labels Float32.
    private readonly long widestRowBytes;

    private TBatch CollateCore(ReadOnlySpan<TRecord> records, Device? device, int firstRow = 0)
    {
        if (records.Length > 1 && records.Length * widestRowBytes > MaxBlockBytes) return CollateInParts(records, device, firstRow);
        Backend.TorchBackend.EnsureLoaded();
        int rows = records.Length;
        if (!typeof(TRecord).IsValueType)
        {
            // The generated loops read members without null checks; say which record is missing instead of a bare
            // NullReferenceException from inside them.
            for (int i = 0; i < rows; i++)
                if (records[i] is null) throw new ArgumentException($"Record {firstRow + i} of the records is null.", nameof(records));
        }
        buffers.Groups = Schema.Labels.Group is null ? null : new long[rows];
        var target = device ?? CPU;
        TBatch batch;
        try
        {
            batch = target.type == DeviceType.CPU && !UploadFromHostArrays ? CollateOnCpu(records) : CollateAndUpload(records, target);
        }
        catch (CollationException error) when (firstRow != 0)
        {
            throw error.CountedFrom(firstRow);
        }
        return Stamped(batch);
    }

    private TBatch CollateInParts(ReadOnlySpan<TRecord> records, Device? device, int firstRow)
    {
        int partRows = (int)Math.Clamp(MaxBlockBytes / widestRowBytes, 1, StreamChunkRows);
        var parts = new List<TBatch>();
        try
        {
            for (int at = 0; at < records.Length; at += partRows)
                parts.Add(CollateCore(records.Slice(at, Math.Min(partRows, records.Length - at)), CPU, firstRow + at)); // as a stream's chunks
            return Joined(parts, records.Length, device ?? CPU);
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    // What the trainer and the evaluator check a batch against: the record and the vocabularies it was collated with.
    private TBatch Stamped(TBatch batch)
    {
        batch.RecordName = Schema.RecordName;
        batch.Vocabularies = Vocabularies;
        return batch;
    }

    /// <summary>Tests only: take the other devices' path (reused host arrays, then one copy per block) for CPU batches
    /// too, so that its values can be compared with the in-place path on a machine without a GPU.</summary>
    internal bool UploadFromHostArrays { get; set; }

    // The CPU batch's tensors are allocated first and filled in place: no copy after Fill.
    private TBatch CollateOnCpu(ReadOnlySpan<TRecord> records)
    {
        int rows = records.Length;
        var owned = buffers.AllocateCpu(rows);
        try
        {
            FillNamingTheRow(records, buffers);
            var batch = CreateBatch(rows, owned.Sparse, owned.Dense, owned.Sequences, owned.Label, owned.ClickLabel, owned.ConversionLabel, buffers.Groups);
            owned = null;
            return batch;
        }
        finally
        {
            buffers.Release();
            // Only reached with tensors left when something threw before the batch took ownership.
            if (owned is not null) foreach (var t in owned.All()) t.Dispose();
        }
    }

    // Other devices: fill the reused host arrays, then one copy per block (pinned and non-blocking on CUDA).
    private TBatch CollateAndUpload(ReadOnlySpan<TRecord> records, Device target)
    {
        int rows = records.Length;
        buffers.Prepare(rows);
        FillNamingTheRow(records, buffers);
        var tensors = new List<Tensor>();
        try
        {
            var sparse = Track(tensors, DeviceUpload.Int64(buffers.SparseArray, new long[] { rows, buffers.SparseWidth }, target));
            var dense = Track(tensors, DeviceUpload.Float32(buffers.DenseArray, new long[] { rows, buffers.DenseWidth }, target));
            var sequences = new Tensor[buffers.SequenceLengths.Count];
            for (int s = 0; s < sequences.Length; s++)
                sequences[s] = Track(tensors, DeviceUpload.Int64(buffers.SequenceArray(s), new long[] { rows, buffers.SequenceLengths[s] }, target));
            var label = buffers.HasLabel ? Track(tensors, DeviceUpload.Float32(buffers.LabelArray, new long[] { rows }, target)) : null;
            var click = buffers.HasClickLabel ? Track(tensors, DeviceUpload.Float32(buffers.ClickLabelArray, new long[] { rows }, target)) : null;
            var conversion = buffers.HasConversionLabel ? Track(tensors, DeviceUpload.Float32(buffers.ConversionLabelArray, new long[] { rows }, target)) : null;
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

    /// <summary><see cref="Fill"/>; when a record's own code throws (a computed property that divides by zero or
    /// dereferences null), the exception alone does not say which of thousands of records it was. Only then, the records
    /// are filled again one by one into scratch buffers to find it, and the error names its row (and the member, when
    /// the stack still shows its getter).</summary>
    private void FillNamingTheRow(ReadOnlySpan<TRecord> records, HostBuffers target)
    {
        try
        {
            Fill(records, target);
        }
        catch (Exception error) when (error is not CollationException and not OutOfMemoryException)
        {
            int row = FirstThrowingRow(records);
            if (row < 0) throw;
            string? member = GetterIn(error);
            throw new CollationException(member ?? "", row, null,
                at => $"Reading{(member is null ? "" : $" '{member}'")} of {typeof(TRecord).Name} at row {at} threw {error.GetType().Name}: {error.Message}", error);
        }
    }

    private int FirstThrowingRow(ReadOnlySpan<TRecord> records)
    {
        var scratchBuffers = new HostBuffers(buffers.SparseWidth, buffers.DenseWidth, buffers.SequenceLengths,
            buffers.HasLabel, buffers.HasClickLabel, buffers.HasConversionLabel);
        var counts = Oov.Snapshot(); // the retries must not count OOV ids again
        try
        {
            for (int i = 0; i < records.Length; i++)
            {
                scratchBuffers.Prepare(1);
                scratchBuffers.Groups = buffers.Groups is null ? null : new long[1];
                try { Fill(records.Slice(i, 1), scratchBuffers); }
                catch (Exception) { return i; }
            }
            return -1;
        }
        finally
        {
            Oov.Reset();
            for (int f = 0; f < Oov.Features.Count; f++) Oov.Add(f, counts[Oov.Features[f]]);
        }
    }

    /// <summary>The member of <typeparamref name="TRecord"/> whose getter is on the stack of <paramref name="error"/>
    /// (gone when the JIT inlined it).</summary>
    private static string? GetterIn(Exception error) =>
        new System.Diagnostics.StackTrace(error).GetFrames()
            .Select(frame => frame.GetMethod())
            .FirstOrDefault(method => method?.DeclaringType == typeof(TRecord) && method.Name.StartsWith("get_", StringComparison.Ordinal))
            ?.Name[4..];

    /// <summary>Writes the first <c>records.Length</c> rows of every buffer. Generated: one pass over the records, one
    /// statement per member, calling the small helpers below (inlined by the JIT) so that it stays short to compile.</summary>
    protected abstract void Fill(ReadOnlySpan<TRecord> records, HostBuffers buffers);

    /// <summary><paramref name="row"/>, counted in <paramref name="oov"/> when it is the OOV row (1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static long CountOov(long row, ref long oov)
    {
        if (row == EmbeddingRows.Oov) oov++;
        return row;
    }

    /// <summary>A float/double dense value as float; NaN or infinity (also after narrowing) is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static float Finite(double raw, string member, int row)
    {
        float value = (float)raw;
        if (!float.IsFinite(value)) CollationErrors.NonFiniteDense(member, row, raw);
        return value;
    }

    /// <summary>A nullable float/double dense value as float; null, NaN or infinity is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static float Finite(double? raw, string member, int row)
    {
        if (!raw.HasValue) CollationErrors.MissingDense(member, row);
        return Finite(raw.GetValueOrDefault(), member, row);
    }

    /// <summary>A float/double dense value as float, or <paramref name="fallback"/> (the declared Default) when it is
    /// NaN or infinite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static float FiniteOr(double raw, float fallback)
    {
        float value = (float)raw;
        return float.IsFinite(value) ? value : fallback;
    }

    /// <summary>A nullable float/double dense value as float, or <paramref name="fallback"/> when it is null, NaN or
    /// infinite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static float FiniteOr(double? raw, float fallback) => raw.HasValue ? FiniteOr(raw.GetValueOrDefault(), fallback) : fallback;

    /// <summary>Throws the error of a missing (null) dense value that has no declared Default; typed as a value so
    /// that generated code can use it in an expression.</summary>
    protected static float MissingDense(string member, int row)
    {
        CollationErrors.MissingDense(member, row);
        return 0F;
    }

    /// <summary>A float/double label as float; it must lie in [0, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static float Label(double value, string member, int row)
    {
        if (!(value >= 0.0 && value <= 1.0)) CollationErrors.InvalidLabel(member, row, value);
        return (float)value;
    }

    /// <summary>The gAUC group of a nullable integer or enum member: its value, or <see cref="long.MinValue"/> for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static long GroupOf(long? value) => value ?? long.MinValue;

    /// <summary>The gAUC group of a nullable bool member: 1, 0, or <see cref="long.MinValue"/> for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static long GroupOf(bool? value) => value.HasValue ? (value.GetValueOrDefault() ? 1L : 0L) : long.MinValue;

    /// <summary>The gAUC group of a string member: its stable hash (0 for null).</summary>
    protected static long GroupOf(string? value) => value is null ? 0L : unchecked((long)Hashing.StableHash.Hash(value));

    /// <summary>Wraps the tensors in the typed batch. Generated.</summary>
    protected abstract TBatch CreateBatch(int count, Tensor sparseRows, Tensor dense, Tensor[] sequenceRows,
        Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups);

    private static Tensor Track(List<Tensor> owned, Tensor tensor)
    {
        owned.Add(tensor);
        return tensor;
    }
}
