using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Vocabularies;

namespace RecDsl.Training;

/// <summary>
/// Whether a batch belongs to a network: the labels its task trains and scores on, collated for the same record and
/// through the same vocabularies (when a collator made it), with as
/// many sparse and dense columns as it declares features of each kind, and its sequences with their MaxLen. A batch
/// collated for another record would otherwise fail deep in a matrix product ("mat1 and mat2 shapes cannot be
/// multiplied") or, with the same widths, train on the wrong columns; the check is a few shape reads per call of the
/// trainer or evaluator, not per step.
/// </summary>
internal static class BatchLayout
{
    /// <exception cref="ArgumentException">A label the task needs is missing, or the batch was collated for another
    /// record, or its columns differ from the network's declaration.</exception>
    public static void Require(RecNetwork network, FeatureBatch data, string name, string what)
    {
        if (network.Task == TaskKind.Esmm && (data.ClickLabel is null || data.ConversionLabel is null))
            throw new ArgumentException($"An ESMM network needs ClickLabel and ConversionLabel in the {what}.", name);
        if (network.Task == TaskKind.SingleTask && data.Label is null)
            throw new ArgumentException($"A single-task network needs Label in the {what}.", name);
        RequireFeatures(network.Schema, network.VocabulariesOfBatches, data, name, what);
    }

    /// <summary>The checks of <see cref="Require"/> without the labels (a batch to score needs none); the vocabularies
    /// only when given.</summary>
    public static void RequireFeatures(FeatureSchema schema, VocabularySet? vocabularies, FeatureBatch data, string name, string what)
    {
        if (data.RecordName is { } record && record != schema.RecordName)
            throw new ArgumentException(
                $"The {what} was collated for '{record}', but this network is for '{schema.RecordName}'. Collate it with this model's collator (model.CreateCollator()).", name);
        // By content (the digest, computed once per instance), so a loaded model's equal vocabularies pass; the same
        // instance, the usual case, needs no digest.
        if (data.Vocabularies is { } used && vocabularies is { } own && !ReferenceEquals(used, own) && used.Digest != own.Digest)
            throw new ArgumentException(
                $"The {what} was collated with other vocabularies than this model's: {own.DifferenceFrom(used)}, so its rows stand for other tokens. " +
                "Collate it with this model's collator (model.CreateCollator()), or build the model on the vocabularies the data was collated with.", name);
        long sparse = Width(data.SparseRows), dense = Width(data.Dense);
        var sequenceLengths = data.SequenceRows.Select(Width).ToArray();
        if (sparse == schema.Sparse.Count && dense == schema.Dense.Count
            && sequenceLengths.SequenceEqual(schema.Sequences.Select(s => (long)s.MaxLen)))
            return;
        throw new ArgumentException(
            $"The {what} does not have the columns of '{schema.RecordName}': it has {Describe(sparse, dense, sequenceLengths)}; " +
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
