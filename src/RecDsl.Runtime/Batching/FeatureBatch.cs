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

    /// <summary>The device the tensors live on.</summary>
    public Device Device => SparseRows.device;

    /// <summary>Bool [B, MaxLen]: true where sequence <paramref name="slot"/> holds a real item.</summary>
    public Tensor SequenceMask(int slot) => SequenceRows[slot].ne(0L);

    /// <summary>A copy of this batch on <paramref name="device"/> (non-blocking where the source is pinned).
    /// Returns this batch when it is already there.</summary>
    public FeatureBatch To(Device device)
    {
        if (Device.type == device.type && Device.index == device.index) return this;
        Tensor Move(Tensor t) => t.to(device, non_blocking: true);
        return Rebuild(Move(SparseRows), Move(Dense), SequenceRows.Select(Move).ToArray(),
            Label is null ? null : Move(Label), ClickLabel is null ? null : Move(ClickLabel),
            ConversionLabel is null ? null : Move(ConversionLabel));
    }

    /// <summary>Creates a batch of the same concrete type over other tensors; generated batches override it
    /// so that <see cref="To"/> keeps their typed properties.</summary>
    protected virtual FeatureBatch Rebuild(Tensor sparseRows, Tensor dense, IReadOnlyList<Tensor> sequenceRows,
        Tensor? label, Tensor? clickLabel, Tensor? conversionLabel) =>
        new(Count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, Groups);

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
