namespace RecDsl.Data;

/// <summary>A seeded generator whose sequence this code fixes (SplitMix64), unlike <see cref="Random"/> whose
/// algorithm belongs to the runtime, so sampled data is the same on every .NET version.</summary>
internal struct SplitMix64
{
    private ulong state;

    public SplitMix64(long seed) => state = (ulong)seed;

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, count) by multiply-shift (Lemire); the bias, at most count / 2^64, is negligible.</summary>
    public int NextIndex(int count) => (int)Math.BigMul(Next(), (ulong)count, out _);
}
