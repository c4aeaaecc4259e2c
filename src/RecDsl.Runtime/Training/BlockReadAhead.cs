using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using RecDsl.Batching;

namespace RecDsl.Training;

/// <summary>
/// Enumerates a source of blocks on a background thread, at most <c>depth</c> blocks ahead of the one the caller
/// holds, so that reading and collating the next block overlaps training on the current one: each block the caller
/// takes lets the thread read one more, so memory is the caller's block plus <c>depth</c>. The source's exception
/// reaches the caller as thrown, at the block where it happened; a caller that stops early (an error, a
/// cancellation) stops the thread and disposes what it made.
/// </summary>
internal static class BlockReadAhead
{
    public static IEnumerable<FeatureBatch?> Run(Func<IEnumerable<FeatureBatch>> source, int depth)
    {
        var ready = Channel.CreateUnbounded<FeatureBatch?>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var permits = new SemaphoreSlim(depth);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                using var next = source().GetEnumerator();
                while (true)
                {
                    permits.Wait(stop.Token);
                    if (!next.MoveNext()) break;
                    if (!ready.Writer.TryWrite(next.Current)) next.Current?.Dispose(); // not reached: unbounded (null: StreamedRows names it)
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped early.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                ready.Writer.Complete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            while (ready.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (ready.Reader.TryRead(out var block))
                {
                    permits.Release(); // taken: the next may be read while this one trains
                    yield return block;
                }
            }
            producer.GetAwaiter().GetResult();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Reported above when the caller read to the end; otherwise the caller's own exception wins.
            }
            while (ready.Reader.TryRead(out var left)) left?.Dispose();
        }
    }
}
