using System.Reflection;
using RecDsl.Batching;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Collators;

/// <summary>
/// The straightforward way to collate records without a generator: find the feature members by their attributes
/// once, then per row and member <c>PropertyInfo.GetValue</c> (boxing), convert, map to the table row, and copy
/// the filled arrays into tensors once per batch. The baseline of <c>collator_vs_reflection</c>; it does the same
/// work as a generated collator (row mapping with OOV, finite check on dense values), minus the code generation.
/// </summary>
public sealed class ReflectionCollator<T>
{
    private readonly PropertyInfo[] sparse;
    private readonly long[] cardinalities;
    private readonly PropertyInfo[] dense;
    private readonly PropertyInfo label;

    public ReflectionCollator()
    {
        // Declaration order (metadata token), as the generator assigns slots.
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken).ToArray();
        sparse = properties.Where(p => p.GetCustomAttribute<SparseAttribute>() is not null).ToArray();
        cardinalities = sparse.Select(p =>
        {
            var a = p.GetCustomAttribute<SparseAttribute>()!;
            return (long)(a.Vocab > 0 ? a.Vocab : a.HashBuckets);
        }).ToArray();
        dense = properties.Where(p => p.GetCustomAttribute<DenseAttribute>() is not null).ToArray();
        label = properties.Single(p => p.GetCustomAttribute<LabelAttribute>() is not null);
    }

    /// <summary>One batch of <paramref name="rows"/> in host tensors.</summary>
    public FeatureBatch Collate(IReadOnlyList<T> rows)
    {
        int n = rows.Count, s = sparse.Length, d = dense.Length;
        var ids = new long[n * s];
        var values = new float[n * d];
        var labels = new float[n];
        for (int r = 0; r < n; r++)
        {
            object row = rows[r]!;
            for (int f = 0; f < s; f++)
                ids[r * s + f] = EmbeddingRows.RowOf(Convert.ToInt64(sparse[f].GetValue(row)), cardinalities[f]);
            for (int f = 0; f < d; f++)
            {
                var value = Convert.ToSingle(dense[f].GetValue(row));
                if (!float.IsFinite(value)) throw new ArgumentException($"Row {r}: {dense[f].Name} is {value}.", nameof(rows));
                values[r * d + f] = value;
            }
            labels[r] = Convert.ToBoolean(label.GetValue(row)) ? 1f : 0f;
        }
        return new FeatureBatch(n, tensor(ids, [n, s]), tensor(values, [n, d]), [], label: tensor(labels));
    }
}
