using RecDsl.Backend;
using RecDsl.Vocabularies;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Batching;

/// <summary>
/// A batch of rows in the layout every RecDsl model reads. Generated <c>{Record}Batch</c> types derive from it
/// and add one typed property per member (views into these tensors). The batch owns its tensors.
/// </summary>
/// <remarks>
/// Layout (see <see cref="Schema.EmbeddingRows"/> for the row convention):
/// <list type="bullet">
/// <item><see cref="SparseRows"/>: Int64 [B, S], column = sparse feature slot, value = row in that feature's table.</item>
/// <item><see cref="Dense"/>: Float32 [B, D], column = dense feature slot.</item>
/// <item><see cref="SequenceRows"/>: per sequence slot, Int64 [B, MaxLen]; items oldest to newest, truncated to the
/// most recent MaxLen, padded at the end with row 0 (padding), so the mask is <c>rows != 0</c>.</item>
/// <item>Labels: Float32 [B]; <see cref="Groups"/> stays on the host (only metrics need it).</item>
/// </list>
/// </remarks>
public class FeatureBatch : IDisposable
{
    private bool disposed;

    /// <summary>Creates a batch that takes ownership of the given tensors.</summary>
    public FeatureBatch(int count, Tensor sparseRows, Tensor dense, IReadOnlyList<Tensor> sequenceRows,
        Tensor? label = null, Tensor? clickLabel = null, Tensor? conversionLabel = null, long[]? groups = null)
    {
        Count = count;
        SparseRows = sparseRows;
        Dense = dense;
        SequenceRows = sequenceRows;
        Label = label;
        ClickLabel = clickLabel;
        ConversionLabel = conversionLabel;
        Groups = groups;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Int64 [B, S]: table rows of the sparse features.</summary>
    public Tensor SparseRows { get; }

    /// <summary>Float32 [B, D]: dense values.</summary>
    public Tensor Dense { get; }

    /// <summary>Int64 [B, MaxLen] per sequence feature, padded with row 0 at the end.</summary>
    public IReadOnlyList<Tensor> SequenceRows { get; }

    /// <summary>Float32 [B] single-task label, if declared.</summary>
    public Tensor? Label { get; }

    /// <summary>Float32 [B] ESMM click label, if declared.</summary>
    public Tensor? ClickLabel { get; }

    /// <summary>Float32 [B] ESMM conversion label, if declared.</summary>
    public Tensor? ConversionLabel { get; }

    /// <summary>Group ids for gAUC (host side), if declared.</summary>
    public long[]? Groups { get; }

    /// <summary>The record whose collator made this batch (its schema's <c>RecordName</c>), kept by <see cref="To"/> and
    /// <see cref="Select"/>; null for a batch built by hand. The trainer and the evaluator refuse a batch of another
    /// record, which could have the same column counts and train on the wrong columns without a word.</summary>
    public string? RecordName { get; internal set; }

    /// <summary>The vocabularies the collator mapped the strings through, kept by <see cref="To"/> and
    /// <see cref="Select"/>; null for a record without vocabularies or a batch built by hand. The trainer and the
    /// evaluator refuse a batch whose vocabularies differ from the network's: its rows would mean other tokens.</summary>
    public VocabularySet? Vocabularies { get; internal set; }

    /// <summary>The device the tensors live on.</summary>
    public Device Device => SparseRows.device;

    /// <summary>Bool [B, MaxLen]: true where sequence <paramref name="slot"/> holds a real item.</summary>
    public Tensor SequenceMask(int slot) => Sequences.Mask(SequenceRows[slot]);

    /// <summary>A copy of this batch on <paramref name="device"/> (non-blocking where the source is pinned).
    /// Returns this batch when it is already there.</summary>
    public FeatureBatch To(Device device)
    {
        if (Device.type == device.type && Device.index == device.index) return this;
        Tensor Move(Tensor t) => t.to(device, non_blocking: true);
        var moved = Rebuild(Move(SparseRows), Move(Dense), SequenceRows.Select(Move).ToArray(),
            Label is null ? null : Move(Label), ClickLabel is null ? null : Move(ClickLabel),
            ConversionLabel is null ? null : Move(ConversionLabel));
        return StampedLikeThis(moved);
    }

    /// <summary>The rows <paramref name="rows"/> of every tensor (and of <see cref="Groups"/>), as a new batch of
    /// the same concrete type that owns new tensors. Rows may repeat and come in any order.</summary>
    /// <param name="rows">Int64 [n] row indices on this batch's <see cref="Device"/>.</param>
    /// <remarks>Groups are gathered on the host, which reads <paramref name="rows"/> back from the device when
    /// <see cref="Groups"/> is set.</remarks>
    public FeatureBatch Select(Tensor rows)
    {
        CheckRowIndices(rows);
        long[]? groups = null;
        if (Groups is not null)
        {
            using var hostRows = rows.cpu();
            groups = hostRows.data<long>().Select(row => Groups[row]).ToArray();
        }
        return SelectRows(rows, groups);
    }

    /// <summary><see cref="Select(Tensor)"/> with the new batch's groups given by the caller (null: none), so a
    /// caller that has the rows on the host, or does not need groups (training), avoids a device read.</summary>
    internal FeatureBatch SelectRows(Tensor rows, long[]? groups)
    {
        CheckRowIndices(rows);
        Tensor Take(Tensor t) => t.index_select(0, rows);
        var selected = Rebuild(checked((int)rows.shape[0]), Take(SparseRows), Take(Dense), SequenceRows.Select(Take).ToArray(),
            Label is null ? null : Take(Label), ClickLabel is null ? null : Take(ClickLabel),
            ConversionLabel is null ? null : Take(ConversionLabel), groups);
        return StampedLikeThis(selected);
    }

    // What the collator stamped (record, vocabularies) carries over to batches made from this one.
    private FeatureBatch StampedLikeThis(FeatureBatch batch)
    {
        batch.RecordName = RecordName;
        batch.Vocabularies = Vocabularies;
        return batch;
    }

    private static void CheckRowIndices(Tensor rows)
    {
        if (rows.dtype != ScalarType.Int64 || rows.ndim != 1)
            throw new ArgumentException($"Row indices must be a 1-D Int64 tensor; got {rows.dtype} with {rows.ndim} dimensions.", nameof(rows));
    }

    /// <summary>Creates a batch of the same concrete type over other tensors with the same rows; generated
    /// batches override it (or the overload with a row count) so that <see cref="To"/> keeps their typed properties.</summary>
    protected virtual FeatureBatch Rebuild(Tensor sparseRows, Tensor dense, IReadOnlyList<Tensor> sequenceRows,
        Tensor? label, Tensor? clickLabel, Tensor? conversionLabel) =>
        Rebuild(Count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, Groups);

    /// <summary>Creates a batch of the same concrete type over other tensors and rows; generated batches
    /// override it so that <see cref="To"/> and <see cref="Select"/> keep their typed properties.</summary>
    protected virtual FeatureBatch Rebuild(int count, Tensor sparseRows, Tensor dense, IReadOnlyList<Tensor> sequenceRows,
        Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups) =>
        new(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);

    /// <summary>Disposes every tensor of the batch.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        SparseRows.Dispose();
        Dense.Dispose();
        foreach (var s in SequenceRows) s.Dispose();
        Label?.Dispose();
        ClickLabel?.Dispose();
        ConversionLabel?.Dispose();
        GC.SuppressFinalize(this);
    }
}
