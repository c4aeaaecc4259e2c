using RecDsl.Batching;
using RecDsl.Benchmarks.Quick;

namespace RecDsl.Benchmarks.Collators;

/// <summary>Rows per second of a collator turning records into host batches, on the calling thread.</summary>
public static class CollatorThroughput
{
    /// <summary>Collates <paramref name="rows"/> in batches of <paramref name="batchSize"/> and returns million rows per
    /// second of wall and of CPU time: the steady state, i.e. after one untimed pass over all rows, which lets the
    /// JIT's tiered compilation finish with the collator's loops (a single warm-up batch left them half-compiled
    /// for most of the timed pass: measured 4-6 M rows/s that way against 12 M rows/s in the steady state).</summary>
    public static Throughput MillionRowsPerSecond<T>(Func<IReadOnlyList<T>, FeatureBatch> collate, T[] rows, int batchSize)
    {
        Pass(collate, rows, batchSize);
        var clock = new CpuClock();
        clock.Restart();
        Pass(collate, rows, batchSize);
        var (wall, cpu) = clock.Read();
        return Throughput.Of(rows.Length, (wall * 1e6, cpu * 1e6));
    }

    private static void Pass<T>(Func<IReadOnlyList<T>, FeatureBatch> collate, T[] rows, int batchSize)
    {
        for (int start = 0; start < rows.Length; start += batchSize)
            collate(new ArraySegment<T>(rows, start, Math.Min(batchSize, rows.Length - start))).Dispose();
    }
}
