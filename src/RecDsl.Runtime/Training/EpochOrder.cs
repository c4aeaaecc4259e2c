namespace RecDsl.Training;

/// <summary>
/// The seeded randomness of an epoch, derived from (seed, epoch) alone, so that a run resumed after epoch k
/// sees exactly what an uninterrupted run sees from epoch k + 1 on, with no RNG state to save.
/// </summary>
/// <remarks>SplitMix64 is used instead of <see cref="Random"/> so the order is fixed by this code, not by the
/// runtime's implementation of <see cref="Random"/>.</remarks>
internal static class EpochOrder
{
    /// <summary>A seed for torch's global RNG during <paramref name="epoch"/> (dropout and other random layers).</summary>
    public static long TorchSeed(long seed, int epoch)
    {
        ulong state = (ulong)seed ^ 0x5DEECE66DUL;
        state += (ulong)epoch * 0x9E3779B97F4A7C15UL;
        return (long)(Next(ref state) >> 1); // non-negative
    }

    /// <summary>The row order of <paramref name="epoch"/> (of its block <paramref name="block"/> when the rows are
    /// streamed; block 0 is the order of resident rows): a Fisher-Yates shuffle of 0..count-1.</summary>
    public static long[] Permutation(long seed, int epoch, int count, int block = 0)
    {
        ulong state = (ulong)seed;
        state += (ulong)epoch * 0xD1B54A32D192ED03UL;
        state += (ulong)block * 0x8CB92BA72F3D8DD7UL;
        Next(ref state);
        var order = new long[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)Math.BigMul(Next(ref state), (ulong)(i + 1), out _); // uniform in [0, i]
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
