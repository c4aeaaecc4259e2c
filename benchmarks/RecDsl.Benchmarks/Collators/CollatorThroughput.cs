using RecDsl.Batching;
using RecDsl.Benchmarks.Quick;

namespace RecDsl.Benchmarks.Collators;

/// <summary>Rows per second of a collator turning records into host batches, on the calling thread.</summary>
public static class CollatorThroughput
{
    /// <summary>Collates <paramref name="rows"/> in batches of <paramref name="batchSize"/> (after one warm-up
    /// pass over the first batch) and returns million rows per second of wall and of CPU time.</summary>
    public static Throughput MillionRowsPerSecond<T>(Func<IReadOnlyList<T>, FeatureBatch> collate, T[] rows, int batchSize)
    {
        collate(new ArraySegment<T>(rows, 0, Math.Min(batchSize, rows.Length))).Dispose();
        var clock = new CpuClock();
        clock.Restart();
        for (int start = 0; start < rows.Length; start += batchSize)
            collate(new ArraySegment<T>(rows, start, Math.Min(batchSize, rows.Length - start))).Dispose();
        var (wall, cpu) = clock.Read();
        return Throughput.Of(rows.Length, (wall * 1e6, cpu * 1e6));
    }
}
