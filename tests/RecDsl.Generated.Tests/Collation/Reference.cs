using System.IO.Hashing;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Collation;

/// <summary>The collation contract written the obvious way, row by row, independent of the generated code:
/// row 0 padding, row 1 OOV, id v at v + 2; XxHash64 (seed 0) of UTF-8 / 8 LE bytes mod buckets, + 2;
/// the last MaxLen items, oldest first, zero padded.</summary>
internal static class Reference
{
    public static long IdRow(long? id, long cardinality) => id is { } v && v >= 0 && v < cardinality ? v + 2 : 1;

    public static long HashRow(string? s, long buckets) =>
        s is null ? 1 : (long)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(s)) % (ulong)buckets) + 2;

    public static long HashRow(long v, long buckets) =>
        (long)(XxHash64.HashToUInt64(BitConverter.GetBytes(v)) % (ulong)buckets) + 2; // little-endian machine

    public static long VocabularyRow(IReadOnlyList<string> tokens, string? s)
    {
        int index = s is null ? -1 : tokens.ToList().IndexOf(s);
        return index < 0 ? 1 : index + 2;
    }

    public static long[] Sequence(IEnumerable<long> rows, int maxLen)
    {
        var all = rows.ToList();
        var kept = all.Skip(Math.Max(0, all.Count - maxLen)).ToList();
        while (kept.Count < maxLen) kept.Add(0);
        return kept.ToArray();
    }

    public static long[,] Longs(Tensor t)
    {
        var data = t.data<long>().ToArray();
        var result = new long[t.shape[0], t.shape[1]];
        for (int i = 0; i < result.GetLength(0); i++)
            for (int j = 0; j < result.GetLength(1); j++)
                result[i, j] = data[i * result.GetLength(1) + j];
        return result;
    }

    public static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();

    public static long[] Row(long[,] matrix, int i) => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray();
}
