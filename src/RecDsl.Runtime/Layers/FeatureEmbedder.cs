using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// Looks up the embeddings of a set of sparse and sequence features with one index op per embedding dimension.
/// The tables of one dimension live in one <see cref="FusedEmbedding"/>; a lookup concatenates that dimension's
/// sparse columns and sequences into one row block, adds the per-column table offsets and looks the block up once.
/// The result (<see cref="EmbeddedFeatures"/>) hands out views per feature or per group of fields.
/// </summary>
/// <remarks>
/// Block layout of a dimension group: its sparse features in slot order, then its sequences in slot order, each
/// sequence taking <see cref="FeatureInfo.MaxLen"/> columns. Dense features have no table and are ignored.
/// Features that share a table (including a targeted sequence and its target) use the same rows.
/// <para>A block that holds sequences is split once into its sparse part and one part per sequence, and features
/// are read from those parts. Each view of a tensor costs a zero-filled gradient of the whole tensor in the backward
/// pass (narrow and select backward); the split's backward writes the block's gradient once, and the per-field
/// views then only cover the small sparse part (measured on DIN's [B, 103, 16] blocks).</para>
/// </remarks>
public sealed class FeatureEmbedder : nn.Module
{
    private readonly ModuleList<FusedEmbedding> groups;
    private readonly FusedEmbedding[] groupArray;
    private readonly GroupPlan[] plans;
    private readonly Dictionary<string, FeaturePosition> positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> sequenceParts = new(StringComparer.Ordinal);
    private readonly List<FieldSelection> selections = new();

    /// <summary>Creates the fused tables for <paramref name="features"/>.</summary>
    /// <param name="schema">The declaration; its <see cref="FeatureSchema.Tables"/> give table sizes.</param>
    /// <param name="features">Sparse and sequence features to embed (dense features are ignored).</param>
    /// <param name="sparseGradients">Give the fused weights sparse gradients.</param>
    /// <param name="initStd">Standard deviation of the initial weights; 0 starts at zero.</param>
    /// <param name="dim">Use this dimension for every table instead of the declared ones (1 for per-id scalar weights).</param>
    /// <param name="name">Module name.</param>
    public FeatureEmbedder(FeatureSchema schema, IEnumerable<FeatureInfo> features, bool sparseGradients = false,
        double initStd = EmbeddingTable.DefaultInitStd, int? dim = null, string name = nameof(FeatureEmbedder)) : base(BackendFirst.Name(name))
    {
        Schema = schema;
        Features = features.Where(f => f.Kind != FeatureKind.Dense).DistinctBy(f => f.Name)
            .OrderBy(f => f.Kind == FeatureKind.Sequence).ThenBy(f => f.Slot).ToArray();
        var tableNames = Features.Select(f => f.Table).ToHashSet(StringComparer.Ordinal);
        var tables = schema.Tables.Where(t => tableNames.Contains(t.Name)).ToArray();
        var tableDims = tables.GroupBy(t => dim ?? t.EmbeddingDim).ToArray();

        var fused = new List<FusedEmbedding>();
        var planList = new List<GroupPlan>();
        for (int g = 0; g < tableDims.Length; g++)
        {
            var embedding = new FusedEmbedding(tableDims[g].ToArray(), tableDims[g].Key, sparseGradients, initStd, $"dim{tableDims[g].Key}");
            var sparse = Features.Where(f => f.Kind == FeatureKind.Sparse && embedding.Contains(f.Table)).ToArray();
            var sequences = Features.Where(f => f.Kind == FeatureKind.Sequence && embedding.Contains(f.Table)).ToArray();
            var offsets = new List<long>();
            foreach (var f in sparse)
            {
                positions[f.Name] = new FeaturePosition(g, offsets.Count, 1);
                offsets.Add(embedding.RowOffset(f.Table));
            }
            foreach (var f in sequences)
            {
                if (f.MaxLen <= 0) throw new ArgumentException($"Sequence '{f.Name}' has MaxLen {f.MaxLen}.", nameof(features));
                positions[f.Name] = new FeaturePosition(g, offsets.Count, f.MaxLen);
                offsets.AddRange(Enumerable.Repeat(embedding.RowOffset(f.Table), f.MaxLen));
            }
            fused.Add(embedding);
            for (int s = 0; s < sequences.Length; s++) sequenceParts[sequences[s].Name] = s;
            planList.Add(new GroupPlan(
                new ColumnSelection(sparse.Select(f => (long)f.Slot).ToArray(), schema.Sparse.Count),
                sequences.Select(f => f.Slot).ToArray(),
                new DeviceIndex(offsets),
                offsets.Count,
                sparse.Length,
                sequences.Select(f => (long)f.MaxLen).ToArray()));
        }
        groupArray = fused.ToArray();
        groups = nn.ModuleList(groupArray);
        plans = planList.ToArray();
        RegisterComponents();
    }

    /// <summary>The declaration.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The embedded features: sparse ones in slot order, then sequences in slot order.</summary>
    public IReadOnlyList<FeatureInfo> Features { get; }

    /// <summary>One fused table per embedding dimension.</summary>
    public IReadOnlyList<FusedEmbedding> Groups => groupArray;

    /// <summary>The fused table that holds <paramref name="feature"/>'s table.</summary>
    public FusedEmbedding GroupOf(FeatureInfo feature) => groups[PositionOf(feature).Group];

    /// <summary>Where <paramref name="feature"/> sits in the looked-up blocks.</summary>
    public FeaturePosition PositionOf(FeatureInfo feature) =>
        positions.TryGetValue(feature.Name, out var p) ? p : throw new KeyNotFoundException($"Feature '{feature.Name}' is not embedded here.");

    /// <summary>A reusable selection of sparse <paramref name="fields"/> (all of one dimension), in the given order,
    /// that <see cref="EmbeddedFeatures.Fields"/> turns into one [B, F, D] tensor.</summary>
    public FieldSelection SelectFields(IReadOnlyList<FeatureInfo> fields)
    {
        if (fields.Count == 0) throw new ArgumentException("Select at least one field.", nameof(fields));
        var found = fields.Select(f => f.Kind == FeatureKind.Sparse ? PositionOf(f)
            : throw new ArgumentException($"'{f.Name}' is not a sparse feature.", nameof(fields))).ToArray();
        var group = found[0].Group;
        if (found.Any(p => p.Group != group))
            throw new ArgumentException($"Fields {string.Join(", ", fields.Select(f => f.Name))} have different embedding dimensions.", nameof(fields));
        // Columns of the group's sparse part (sparse features come first in the block, so the indices are the same).
        var selection = new FieldSelection(group, groups[group].Dim, fields.ToArray(),
            new ColumnSelection(found.Select(p => (long)p.Column).ToArray(), plans[group].SparseCount));
        selections.Add(selection);
        return selection;
    }

    /// <summary>The sparse features among <paramref name="fields"/> split by embedding dimension, one selection per
    /// dimension (in group order), for inputs that flatten every field anyway.</summary>
    public IReadOnlyList<FieldSelection> SelectFieldsByDim(IEnumerable<FeatureInfo> fields)
    {
        var sparse = fields.Where(f => f.Kind == FeatureKind.Sparse).DistinctBy(f => f.Name).OrderBy(f => f.Slot).ToArray();
        return sparse.GroupBy(f => PositionOf(f).Group).OrderBy(g => g.Key).Select(g => SelectFields(g.ToArray())).ToArray();
    }

    /// <summary>Looks up every embedded feature of <paramref name="batch"/>: one index op per dimension group.</summary>
    public EmbeddedFeatures Lookup(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var blocks = new Tensor[plans.Length];
        var sparseParts = new Tensor?[plans.Length];
        var sequenceBlocks = new Tensor[plans.Length][];
        for (int g = 0; g < plans.Length; g++)
        {
            var plan = plans[g];
            var parts = new List<Tensor>(1 + plan.SequenceSlots.Length);
            if (plan.Sparse.Count > 0) parts.Add(plan.Sparse.Apply(batch.SparseRows, 1));
            foreach (var slot in plan.SequenceSlots) parts.Add(batch.SequenceRows[slot]);
            var rows = parts.Count == 1 ? parts[0] : torch.cat(parts, 1);
            blocks[g] = groups[g].call(rows + plan.Offsets.On(rows)).MoveToOuterDisposeScope();
            var split = parts.Count == 1 ? [blocks[g]] : blocks[g].split(plan.PartSizes, 1).Select(t => t.MoveToOuterDisposeScope()).ToArray();
            sparseParts[g] = plan.SparseCount > 0 ? split[0] : null;
            sequenceBlocks[g] = split.Skip(plan.SparseCount > 0 ? 1 : 0).ToArray();
        }
        return new EmbeddedFeatures(this, blocks, sparseParts, sequenceBlocks);
    }

    /// <summary>Index of a sequence's part among its group's sequence parts.</summary>
    internal int SequencePartOf(FeatureInfo feature) => sequenceParts[feature.Name];

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var plan in plans)
            {
                plan.Sparse.Dispose();
                plan.Offsets.Dispose();
            }
            foreach (var s in selections) s.Columns.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed record GroupPlan(ColumnSelection Sparse, int[] SequenceSlots, DeviceIndex Offsets, long Width,
        int SparseCount, long[] SequenceLengths)
    {
        /// <summary>Column counts of the block's parts: the sparse columns (if any), then each sequence's.</summary>
        public long[] PartSizes { get; } = (SparseCount > 0 ? new[] { (long)SparseCount } : []).Concat(SequenceLengths).ToArray();
    }
}

/// <summary>Where a feature sits in the looked-up blocks of a <see cref="FeatureEmbedder"/>.</summary>
/// <param name="Group">Index of the dimension group (and block).</param>
/// <param name="Column">First column of the feature in the block.</param>
/// <param name="Length">Columns it takes: 1 for a sparse feature, MaxLen for a sequence.</param>
public readonly record struct FeaturePosition(int Group, int Column, int Length);
