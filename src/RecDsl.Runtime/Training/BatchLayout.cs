using RecDsl.Batching;
using RecDsl.Schema;

namespace RecDsl.Training;

/// <summary>
/// Whether a batch belongs to a network's declaration: collated for the same record (when a collator made it), with as
/// many sparse and dense columns as it declares features of each kind, and its sequences with their MaxLen. A batch
/// collated for another record would otherwise fail deep in a matrix product ("mat1 and mat2 shapes cannot be
/// multiplied") or, with the same widths, train on the wrong columns; the check is a few shape reads per call of the
/// trainer or evaluator, not per step.
/// </summary>
internal static class BatchLayout
{
    /// <exception cref="ArgumentException">The batch's columns differ from <paramref name="schema"/>'s.</exception>
    public static void Require(FeatureSchema schema, FeatureBatch data, string name, string what)
    {
        if (data.RecordName is { } record && record != schema.RecordName)
            throw new ArgumentException(
                $"The {what} was collated for '{record}', but this network is for '{schema.RecordName}'. Collate it with this model's collator (model.CreateCollator()).", name);
        var sequenceLengths = data.SequenceRows.Select(Width).ToArray();
        bool fits = Width(data.SparseRows) == schema.Sparse.Count && Width(data.Dense) == schema.Dense.Count
            && sequenceLengths.SequenceEqual(schema.Sequences.Select(s => (long)s.MaxLen));
        if (fits) return;
        throw new ArgumentException(
            $"The {what} does not have the columns of '{schema.RecordName}': it has {Describe(Width(data.SparseRows), Width(data.Dense), sequenceLengths)}; " +
            $"'{schema.RecordName}' declares {Describe(schema)}. Collate it with this model's collator (model.CreateCollator()).", name);
    }

    // [B, n]; an empty tensor of another shape (a hand-built batch without dense values) counts as no columns.
    private static long Width(TorchSharp.torch.Tensor t) => t.dim() == 2 ? t.shape[1] : t.numel() == 0 ? 0 : -1;

    private static string Describe(long sparse, long dense, long[] sequences) =>
        $"{sparse} sparse and {dense} dense columns and {Sequences(sequences)}";

    private static string Describe(FeatureSchema schema) =>
        $"{schema.Sparse.Count} sparse{Names(schema.Sparse)} and {schema.Dense.Count} dense{Names(schema.Dense)} features and " +
        Sequences(schema.Sequences.Select(s => (long)s.MaxLen).ToArray()) + Names(schema.Sequences);

    private static string Sequences(long[] lengths) => lengths.Length switch
    {
        0 => "no sequences",
        _ => $"{lengths.Length} sequence(s) of length {string.Join(", ", lengths)}",
    };

    private static string Names(IReadOnlyList<FeatureInfo> features) =>
        features.Count == 0 ? "" : " (" + string.Join(", ", features.Take(6).Select(f => f.Name)) + (features.Count > 6 ? ", ..." : "") + ")";
}
