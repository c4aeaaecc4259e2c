using System.Reflection;
using RecDsl.Batching;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Collators;

/// <summary>
/// The straightforward way to collate records without a generator: find the feature members by their attributes
/// once, then per row and member <c>PropertyInfo.GetValue</c> (boxing), convert, map to the table row, and copy
/// the filled arrays into tensors once per batch. The baseline of <c>collator_vs_reflection</c>; it does the same
/// work as a generated collator (row mapping with OOV, finite check on dense values, truncation and padding of histories), minus the code generation.
/// </summary>
public sealed class ReflectionCollator<T>
{
    private readonly PropertyInfo[] sparse;
    private readonly long[] cardinalities;
    private readonly PropertyInfo[] dense;
    private readonly PropertyInfo[] sequences;
    private readonly long[] sequenceCardinalities;
    private readonly int[] maxLengths;
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
        sequences = properties.Where(p => p.GetCustomAttribute<SequenceAttribute>() is not null).ToArray();
        // A targeted history uses its target's table, so its ids have the target's cardinality.
        sequenceCardinalities = sequences.Select(p =>
        {
            var a = p.GetCustomAttribute<SequenceAttribute>()!;
            if (a.Target is null) return (long)(a.Vocab > 0 ? a.Vocab : a.HashBuckets);
            return cardinalities[Array.FindIndex(sparse, s => s.Name == a.Target)];
        }).ToArray();
        maxLengths = sequences.Select(p => p.GetCustomAttribute<SequenceAttribute>()!.MaxLen).ToArray();
        label = properties.Single(p => p.GetCustomAttribute<LabelAttribute>() is not null);
    }

    /// <summary>One batch of <paramref name="rows"/> in host tensors.</summary>
    public FeatureBatch Collate(IReadOnlyList<T> rows)
    {
        int n = rows.Count, s = sparse.Length, d = dense.Length;
        var ids = new long[n * s];
        var values = new float[n * d];
        var histories = maxLengths.Select(l => new long[n * l]).ToArray();
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
            for (int q = 0; q < sequences.Length; q++)
            {
                // Keep the most recent MaxLen items; the rest of the row stays 0 (padding).
                var items = ((System.Collections.IEnumerable)sequences[q].GetValue(row)!).Cast<object>().ToList();
                int skip = Math.Max(0, items.Count - maxLengths[q]);
                for (int i = skip; i < items.Count; i++)
                    histories[q][r * maxLengths[q] + i - skip] = EmbeddingRows.RowOf(Convert.ToInt64(items[i]), sequenceCardinalities[q]);
            }
            labels[r] = Convert.ToBoolean(label.GetValue(row)) ? 1f : 0f;
        }
        var sequenceTensors = histories.Select((h, q) => tensor(h, [n, maxLengths[q]])).ToArray();
        return new FeatureBatch(n, tensor(ids, [n, s]), tensor(values, [n, d]), sequenceTensors, label: tensor(labels));
    }
}
