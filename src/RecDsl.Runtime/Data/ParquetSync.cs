namespace RecDsl.Data;

/// <summary>Parquet.Net reads asynchronously only; the records are an ordinary (synchronous) enumeration. Under a
/// synchronization context (a UI thread) the wait runs the read on the thread pool, so a continuation that wants
/// the blocked thread cannot deadlock it.</summary>
internal static class ParquetSync
{
    public static T Wait<T>(Func<Task<T>> read) =>
        SynchronizationContext.Current is null ? read().GetAwaiter().GetResult() : Task.Run(read).GetAwaiter().GetResult();
}
