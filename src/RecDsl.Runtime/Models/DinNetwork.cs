using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>
/// Deep Interest Network (Zhou et al. 2018). Every <c>[Deep]</c> targeted sequence is attended with its target's
/// embedding as the query (paired by name, never by position); targeted sequences of the same MaxLen are attended
/// jointly, as in the paper (keys and queries concatenated, mask = any member real). Attention is masked and, by
/// default, unnormalised. A top <see cref="Mlp"/> scores the <c>[Deep]</c> sparse embeddings, pooled untargeted
/// sequences, dense values and interest vectors (appended last, one per <see cref="AttentionGroups"/> entry).
/// </summary>
public class DinNetwork : SingleTaskNetwork
{
    private readonly FeatureEmbedder embeddings;
    private readonly ModuleList<DinAttention> attentions;
    private readonly DinAttention[] attentionArray;
    private readonly Mlp mlp;
    private readonly DeepInput deepInput;

    /// <summary>Creates the network for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">No [Deep] targeted sequence, or a target that is not a sparse feature.</exception>
    public DinNetwork(FeatureSchema schema, DinOptions? options = null) : base(nameof(DinNetwork), schema)
    {
        Options = options ?? new DinOptions();
        var deepFeatures = schema.Features.Where(f => f.Has(FeatureRoles.Deep)).ToArray();
        var attended = deepFeatures.Where(f => f.Kind == FeatureKind.Sequence && f.Target is not null).OrderBy(f => f.Slot).ToArray();
        if (attended.Length == 0)
            throw new ArgumentException($"'{schema.RecordName}' has no [Deep] [Sequence(Target = ...)] feature for DIN.", nameof(schema));
        AttentionGroups = attended.GroupBy(f => f.MaxLen).Select(g =>
        {
            var targets = g.Select(s => TargetOf(schema, s)).ToArray();
            return new AttentionGroup(g.ToArray(), targets, g.Key, g.Sum(s => s.EmbeddingDim));
        }).ToArray();

        var pooledAndPlain = deepFeatures.Where(f => !attended.Contains(f)).ToArray();
        embeddings = new FeatureEmbedder(schema, deepFeatures.Concat(AttentionGroups.SelectMany(g => g.Targets)),
            Options.SparseGradients, Options.EmbeddingInitStd, name: "embeddings");
        deepInput = new DeepInput(schema, embeddings, pooledAndPlain);
        attentionArray = AttentionGroups.Select((g, i) =>
            new DinAttention(g.Dim, Options.AttentionHidden, Options.Activation, Options.AttentionSoftmax, $"attention{i}")).ToArray();
        attentions = nn.ModuleList(attentionArray);
        mlp = new Mlp(deepInput.Size + AttentionGroups.Sum(g => (long)g.Dim), Options.Hidden, Options.Activation,
            Options.Dropout, Options.BatchNorm, 1, "mlp");
        RegisterComponents();
    }

    /// <summary>The hyperparameters.</summary>
    public DinOptions Options { get; }

    /// <summary>The jointly attended histories with their targets, in slot order of their first member.</summary>
    public IReadOnlyList<AttentionGroup> AttentionGroups { get; }

    /// <summary>Embeddings of the [Deep] features and of the targets.</summary>
    public FeatureEmbedder Embeddings => embeddings;

    /// <summary>One attention per entry of <see cref="AttentionGroups"/>.</summary>
    public IReadOnlyList<DinAttention> Attentions => attentionArray;

    /// <summary>The top MLP.</summary>
    public Mlp Mlp => mlp;

    /// <summary>The MLP input layout (read by the exporters).</summary>
    internal DeepInput Input => deepInput;

    /// <summary>Logits, [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var embedded = embeddings.Lookup(batch);
        var parts = deepInput.Parts(embedded, batch);
        for (int i = 0; i < AttentionGroups.Count; i++)
            parts.Add(Interest(AttentionGroups[i], attentionArray[i], embedded, batch));
        return mlp.call(torch.cat(parts, 1)).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>The interest vector of one group, [B, Dim].</summary>
    private static Tensor Interest(AttentionGroup group, DinAttention attention, EmbeddedFeatures embedded, FeatureBatch batch)
    {
        if (group.Sequences.Count == 1)
        {
            var s = group.Sequences[0];
            return attention.call(embedded.Sparse(group.Targets[0]), embedded.Sequence(s), batch.SequenceMask(s.Slot));
        }
        var masks = group.Sequences.Select(s => batch.SequenceMask(s.Slot)).ToArray();
        var mask = masks.Skip(1).Aggregate(masks[0], (a, m) => a.logical_or(m));
        var query = torch.cat(group.Targets.Select(embedded.Sparse).ToArray(), -1);
        // Each member's own mask keeps its padding row out where another member is real.
        var keys = torch.cat(group.Sequences.Select((s, i) => embedded.Sequence(s) * masks[i].unsqueeze(-1)).ToArray(), -1);
        return attention.call(query, keys, mask);
    }

    private static FeatureInfo TargetOf(FeatureSchema schema, FeatureInfo sequence)
    {
        var target = schema.Features.FirstOrDefault(f => f.Name == sequence.Target);
        if (target is null || target.Kind != FeatureKind.Sparse)
            throw new ArgumentException($"Sequence '{sequence.Name}' targets '{sequence.Target}', which is not a sparse feature of '{schema.RecordName}'.", nameof(schema));
        return target;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) deepInput.Dispose();
        base.Dispose(disposing);
    }
}
