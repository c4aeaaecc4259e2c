using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;

namespace RecDsl.Export;

/// <summary>
/// The resolved architecture of a network as plain data (the <c>SPEC</c> of the generated PyTorch module): inputs,
/// embedding groups with their table layout, the order of every MLP input, linear terms, FM fields, attention groups
/// and MLP sizes. It is read from the network's own modules, so the PyTorch module follows exactly the layout whose
/// weights RecDsl saves (row offsets inside a fused table included), without re-deriving it in Python.
/// </summary>
internal static class PyTorchSpec
{
    public static Dictionary<string, object?> Of(RecNetwork network)
    {
        var schema = network.Schema;
        var spec = new Dictionary<string, object?>
        {
            ["record"] = schema.RecordName,
            ["fingerprint"] = schema.Fingerprint,
            ["inputs"] = schema.Features.Select(f => new Dictionary<string, object?>
            {
                ["name"] = f.Name,
                ["kind"] = f.Kind.ToString().ToLowerInvariant(),
                ["max_len"] = f.MaxLen,
                ["table"] = f.Kind == FeatureKind.Dense ? null : f.Table,
                ["cardinality"] = f.Cardinality,
            }).ToList(),
        };
        // As in the ONNX metadata (recdsl.vocabulary): lets Python code check the vocabulary file it maps strings with.
        if (network.VocabulariesOfBatches is { } vocabularies) spec["vocabulary"] = vocabularies.Digest;
        switch (network)
        {
            case WideDeepNetwork w:
                spec["init_std"] = w.Options.EmbeddingInitStd;
                spec["embeddings"] = Embedder(w.Embeddings);
                spec["deep_input"] = DeepInput(schema, w.Input);
                spec["wide"] = Linear(schema, w.Wide);
                spec["deep"] = Mlp(w.Deep, w.Options.Hidden, w.Options.Activation, w.Options.Dropout, w.Options.BatchNorm);
                break;
            case DeepFmNetwork d:
                spec["init_std"] = d.Options.EmbeddingInitStd;
                spec["fm"] = new Dictionary<string, object?>
                {
                    ["sparse"] = d.SparseFields.Select(f => f.Name).ToList(),
                    ["sequences"] = Pooled(d.SequenceFields),
                    ["dense"] = DenseNames(schema, d.DenseFieldSlots),
                    ["field_dim"] = d.FieldDim,
                };
                spec["embeddings"] = Embedder(d.Embeddings);
                spec["first"] = Linear(schema, d.FirstOrder);
                spec["deep_input"] = DeepInput(schema, d.Input);
                spec["deep"] = Mlp(d.Deep, d.Options.Hidden, d.Options.Activation, d.Options.Dropout, d.Options.BatchNorm);
                break;
            case DinNetwork d:
                spec["init_std"] = d.Options.EmbeddingInitStd;
                spec["embeddings"] = Embedder(d.Embeddings);
                spec["deep_input"] = DeepInput(schema, d.Input);
                spec["attention_groups"] = d.AttentionGroups.Select((g, i) => new Dictionary<string, object?>
                {
                    ["sequences"] = g.Sequences.Select(s => s.Name).ToList(),
                    ["targets"] = g.Targets.Select(t => t.Name).ToList(),
                    ["dim"] = g.Dim,
                    ["softmax"] = d.Attentions[i].Softmax,
                    ["unit"] = Mlp(d.Attentions[i].Unit, d.Options.AttentionHidden, d.Options.Activation, 0, false),
                }).ToList();
                spec["mlp"] = Mlp(d.Mlp, d.Options.Hidden, d.Options.Activation, d.Options.Dropout, d.Options.BatchNorm);
                break;
            case EsmmNetwork e:
                spec["init_std"] = e.Options.EmbeddingInitStd;
                spec["embeddings"] = Embedder(e.Embeddings);
                spec["deep_input"] = DeepInput(schema, e.Input);
                spec["ctr"] = Mlp(e.CtrTower, e.Options.CtrHidden, e.Options.Activation, e.Options.Dropout, e.Options.BatchNorm);
                spec["cvr"] = Mlp(e.CvrTower, e.Options.CvrHidden, e.Options.Activation, e.Options.Dropout, e.Options.BatchNorm);
                break;
            default:
                throw new NotSupportedException($"{network.GetType().Name} has no PyTorch export.");
        }
        return spec;
    }

    private static Dictionary<string, object?> Embedder(FeatureEmbedder embedder) => new()
    {
        ["groups"] = embedder.Groups.Select(g => new Dictionary<string, object?>
        {
            ["dim"] = g.Dim,
            ["tables"] = g.Tables.Select(t => new List<object?> { t.Name, t.Rows }).ToList(),
        }).ToList(),
        ["features"] = embedder.Features.ToDictionary(f => f.Name,
            f => (object?)new List<object?> { embedder.PositionOf(f).Group, f.Table }),
    };

    private static Dictionary<string, object?> DeepInput(FeatureSchema schema, DeepInput input) => new()
    {
        ["sparse"] = input.FieldGroups.SelectMany(g => g.Features.Select(f => f.Name)).ToList(),
        ["sequences"] = Pooled(input.Sequences),
        ["dense"] = DenseNames(schema, input.DenseSlots),
    };

    private static Dictionary<string, object?> Linear(FeatureSchema schema, LinearTerm term) => new()
    {
        ["embedder"] = term.IdWeights is null ? null : Embedder(term.IdWeights),
        ["sparse"] = term.SparseFeatures.Select(f => f.Name).ToList(),
        ["sequences"] = Pooled(term.SequenceFeatures),
        ["dense"] = DenseNames(schema, term.DenseSlots),
    };

    private static Dictionary<string, object?> Mlp(Mlp mlp, IReadOnlyList<int> hidden, Activation activation, double dropout, bool batchNorm) => new()
    {
        ["input"] = mlp.InputSize,
        ["hidden"] = hidden.ToList(),
        ["activation"] = activation.ToString().ToLowerInvariant(),
        ["dropout"] = dropout,
        ["batch_norm"] = batchNorm,
        ["output"] = 1,
    };

    private static List<object?> Pooled(IEnumerable<FeatureInfo> sequences) =>
        sequences.Select(s => (object?)new List<object?> { s.Name, s.Pooling.ToString().ToLowerInvariant() }).ToList();

    private static List<string> DenseNames(FeatureSchema schema, IReadOnlyList<long> slots) =>
        slots.Select(s => schema.Dense[(int)s].Name).ToList();
}
