using RecDsl.Batching;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// The training rows of a run as the trainer walks them each epoch, in blocks on the training device: resident (one
/// batch, moved to the device once, the same block every epoch) or streamed (blocks read anew every epoch, each on
/// the device only while it is trained on).
/// </summary>
internal abstract class TrainingRows : IDisposable
{
    /// <summary>Moves what stays for the whole run to <paramref name="device"/>; called once, before the first epoch.</summary>
    public abstract void Prepare(Device device);

    /// <summary>The blocks of <paramref name="epoch"/>, each on the device and valid until the next is asked for.</summary>
    public abstract IEnumerable<FeatureBatch> Blocks(int epoch);

    /// <summary>Steps per epoch where known before the epoch runs (resident rows; streamed rows after one epoch);
    /// 0 when not.</summary>
    public int StepsPerEpoch { get; set; }

    public virtual void Dispose() { }
}

/// <summary>All training rows in one batch, on the device for the whole run.</summary>
internal sealed class ResidentRows(FeatureBatch train) : TrainingRows
{
    private FeatureBatch? onDevice;

    public override void Prepare(Device device) => onDevice = train.To(device);

    public override IEnumerable<FeatureBatch> Blocks(int epoch)
    {
        yield return onDevice ?? throw new InvalidOperationException("Prepare was not called.");
    }

    public override void Dispose()
    {
        if (onDevice is not null && !ReferenceEquals(onDevice, train)) onDevice.Dispose();
    }
}

/// <summary>Training rows read block by block every epoch from a source the caller gives (a file through its reader
/// and collator, a database): one block on the device at a time, the next <c>readAhead</c> read on a background
/// thread meanwhile (<see cref="BlockReadAhead"/>). The trainer owns the blocks and disposes each once it has
/// trained on it.</summary>
internal sealed class StreamedRows(Func<IEnumerable<FeatureBatch>> source, int readAhead, Action<FeatureBatch, int, int> check) : TrainingRows
{
    private Device? device;

    public override void Prepare(Device device) => this.device = device;

    private IEnumerable<FeatureBatch> Source() =>
        source() ?? throw new InvalidOperationException("The training block source returned null instead of the blocks of an epoch.");

    public override IEnumerable<FeatureBatch> Blocks(int epoch)
    {
        var target = device ?? throw new InvalidOperationException("Prepare was not called.");
        IEnumerable<FeatureBatch?> blocks = readAhead > 0 ? BlockReadAhead.Run(Source, readAhead) : Source();
        int index = 0;
        foreach (var block in blocks)
        {
            FeatureBatch? moved = null;
            try
            {
                if (block is null) throw new InvalidOperationException($"Training block {index} of epoch {epoch} is null.");
                if (block.SparseRows.IsInvalid)
                    throw new InvalidOperationException(
                        $"Training block {index} of epoch {epoch} is disposed: the trainer disposes every block once it has trained on it, " +
                        "so the source must make new blocks every epoch (collate them inside it), not hand out the same ones again.");
                check(block, index, epoch);
                if (block.Count == 0) continue; // the tail of a file that ended on a block boundary
                moved = block.To(target);
                yield return moved;
            }
            finally
            {
                if (moved is not null && !ReferenceEquals(moved, block)) moved.Dispose();
                block?.Dispose();
                index++;
            }
        }
    }
}
