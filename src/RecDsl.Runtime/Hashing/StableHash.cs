using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace RecDsl.Hashing;

/// <summary>
/// The stable hash behind <c>[Sparse(HashBuckets = N)]</c> and hashed sequences. It never changes between
/// processes, machines or .NET versions (unlike <see cref="string.GetHashCode()"/>), so a model trained today
/// maps the same value to the same bucket tomorrow.
/// </summary>
/// <remarks>
/// Definition (the contract; tests pin it with known vectors):
/// <list type="bullet">
/// <item>strings: XxHash64 with seed 0 of the UTF-8 bytes of the string (no BOM, no terminator);</item>
/// <item>integers (any integral type, widened to <see cref="long"/>; enums by their underlying value):
/// XxHash64 with seed 0 of the 8 little-endian bytes of the value;</item>
/// <item>bucket = hash (as an unsigned 64-bit integer) modulo the bucket count; the embedding row is
/// bucket + <see cref="Schema.EmbeddingRows.Reserved"/>.</item>
/// </list>
/// </remarks>
public static class StableHash
{
    /// <summary>The XxHash64 seed. Part of the contract: changing it changes every bucket.</summary>
    public const long Seed = 0;

    // Strings up to this many UTF-8 bytes are encoded on the stack: hashing must not allocate per value.
    private const int StackLimit = 512;

    /// <summary>XxHash64 (seed 0) of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static ulong Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= StackLimit / 3)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            int written = Encoding.UTF8.GetBytes(value, buffer);
            return XxHash64.HashToUInt64(buffer[..written], Seed);
        }
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(value), Seed);
    }

    /// <summary>XxHash64 (seed 0) of the 8 little-endian bytes of <paramref name="value"/>.</summary>
    public static ulong Hash(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return XxHash64.HashToUInt64(bytes, Seed);
    }

    /// <summary>The bucket of <paramref name="value"/> in [0, <paramref name="buckets"/>).</summary>
    public static long Bucket(string value, long buckets) => (long)(Hash(value) % CheckBuckets(buckets));

    /// <summary>The bucket of <paramref name="value"/> in [0, <paramref name="buckets"/>).</summary>
    public static long Bucket(long value, long buckets) => (long)(Hash(value) % CheckBuckets(buckets));

    /// <summary>The embedding row of a hashed string: its bucket + 2 (rows 0 and 1 are padding and OOV).
    /// A null string has no bucket and goes to the OOV row.</summary>
    public static long RowOf(string? value, long buckets) =>
        value is null ? Schema.EmbeddingRows.Oov : Bucket(value, buckets) + Schema.EmbeddingRows.Reserved;

    /// <summary>The embedding row of a hashed integer: its bucket + 2.</summary>
    public static long RowOf(long value, long buckets) => Bucket(value, buckets) + Schema.EmbeddingRows.Reserved;

    private static ulong CheckBuckets(long buckets) =>
        buckets > 0 ? (ulong)buckets : throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "Bucket count must be positive.");
}
