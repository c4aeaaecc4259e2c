using System.Buffers.Binary;
using System.Text;
using RecDsl.Hashing;

namespace RecDsl.Tests.Hashing;

/// <summary>The stable hash is XxHash64 (seed 0) of UTF-8 / 8 little-endian bytes, mod buckets: checked against
/// published XXH64 vectors and against a from-the-spec reimplementation written here, so a change of library,
/// seed or encoding cannot pass.</summary>
public class StableHashTests
{
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)] // XXH64 of the empty input, seed 0 (xxHash reference)
    [InlineData("abc", 0x44BC2CF5AD770999UL)] // XXH64("abc"), seed 0 (xxHash reference)
    public void Strings_hash_to_published_xxh64_vectors(string text, ulong expected) =>
        Assert.Equal(expected, StableHash.Hash(text));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("site-42.example")]
    [InlineData("Grüße, 東京")]
    [InlineData("a string that is long enough to take the 32-byte stripe path of the algorithm, twice over")]
    public void Strings_hash_like_the_reference_implementation_of_utf8_bytes(string text) =>
        Assert.Equal(ReferenceXxHash64.Hash(Encoding.UTF8.GetBytes(text)), StableHash.Hash(text));

    [Fact]
    public void Long_strings_beyond_the_stack_buffer_hash_the_same_way()
    {
        var text = new string('é', 1000);
        Assert.Equal(ReferenceXxHash64.Hash(Encoding.UTF8.GetBytes(text)), StableHash.Hash(text));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(123456789012345L)]
    [InlineData(long.MinValue)]
    public void Longs_hash_their_8_little_endian_bytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Assert.Equal(ReferenceXxHash64.Hash(bytes), StableHash.Hash(value));
    }

    [Fact]
    public void Buckets_are_the_hash_modulo_the_bucket_count_and_rows_add_two()
    {
        ulong hash = ReferenceXxHash64.Hash(Encoding.UTF8.GetBytes("news.example"));
        Assert.Equal((long)(hash % 1000UL), StableHash.Bucket("news.example", 1000));
        Assert.Equal((long)(hash % 1000UL) + 2, StableHash.RowOf("news.example", 1000));
        Assert.Equal(1L, StableHash.RowOf((string?)null, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => StableHash.Bucket("x", 0));
    }
}

/// <summary>XXH64 written from the xxHash specification (seed 0), independent of System.IO.Hashing.</summary>
internal static class ReferenceXxHash64
{
    private const ulong P1 = 11400714785074694791UL, P2 = 14029467366897019727UL, P3 = 1609587929392839161UL,
        P4 = 9650029242287828579UL, P5 = 2870177450012600261UL;

    private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));
    private static ulong Round(ulong acc, ulong input) => Rotl(acc + input * P2, 31) * P1;
    private static ulong Merge(ulong acc, ulong val) => (acc ^ Round(0, val)) * P1 + P4;

    public static ulong Hash(byte[] data)
    {
        int i = 0, n = data.Length;
        ulong h;
        if (n >= 32)
        {
            ulong v1 = unchecked(P1 + P2), v2 = P2, v3 = 0, v4 = unchecked(0 - P1);
            for (; i + 32 <= n; i += 32)
            {
                v1 = Round(v1, BitConverter.ToUInt64(data, i));
                v2 = Round(v2, BitConverter.ToUInt64(data, i + 8));
                v3 = Round(v3, BitConverter.ToUInt64(data, i + 16));
                v4 = Round(v4, BitConverter.ToUInt64(data, i + 24));
            }
            h = Rotl(v1, 1) + Rotl(v2, 7) + Rotl(v3, 12) + Rotl(v4, 18);
            h = Merge(h, v1); h = Merge(h, v2); h = Merge(h, v3); h = Merge(h, v4);
        }
        else
        {
            h = P5;
        }
        h += (ulong)n;
        for (; i + 8 <= n; i += 8)
        {
            h ^= Round(0, BitConverter.ToUInt64(data, i));
            h = Rotl(h, 27) * P1 + P4;
        }
        if (i + 4 <= n)
        {
            h ^= BitConverter.ToUInt32(data, i) * P1;
            h = Rotl(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < n; i++)
        {
            h ^= data[i] * P5;
            h = Rotl(h, 11) * P1;
        }
        h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32;
        return h;
    }
}
