using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>
/// Wide &amp; Deep (Cheng et al. 2016). Wide = <see cref="LinearTerm"/> over the <c>[Wide]</c> features: one-hot
/// logistic regression (a scalar weight per id), pooled per-id weights for sequences, a weight per dense value,
/// bias. Deep = <see cref="Mlp"/> over the <c>[Deep]</c> features (embeddings, pooled sequences, raw dense values).
/// Logit = wide + deep. The anchors' "wide" is a linear layer over embeddings; this is the paper's memorisation.
/// </summary>
public class WideDeepNetwork : SingleTaskNetwork
{
    private readonly FeatureEmbedder embeddings;
    private readonly LinearTerm wide;
    private readonly Mlp deep;
    private readonly DeepInput deepInput;

    /// <summary>Creates the network for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The schema has no [Wide] or no [Deep] feature.</exception>
    public WideDeepNetwork(FeatureSchema schema, WideDeepOptions? options = null) : base(nameof(WideDeepNetwork), schema)
    {
        Options = options ?? new WideDeepOptions();
        var wideFeatures = schema.RequireRole(FeatureRoles.Wide, "WideDeep");
        var deepFeatures = schema.RequireRole(FeatureRoles.Deep, "WideDeep");
        embeddings = new FeatureEmbedder(schema, deepFeatures, Options.SparseGradients, Options.EmbeddingInitStd, name: "embeddings");
        deepInput = new DeepInput(schema, embeddings, deepFeatures);
        wide = new LinearTerm(schema, wideFeatures, Options.SparseGradients, "wide");
        deep = new Mlp(deepInput.Size, Options.Hidden, Options.Activation, Options.Dropout, Options.BatchNorm, 1, "deep");
        RegisterComponents();
    }

    /// <summary>The hyperparameters.</summary>
    public WideDeepOptions Options { get; }

    /// <summary>Embeddings of the [Deep] features.</summary>
    public FeatureEmbedder Embeddings => embeddings;

    /// <summary>The wide (linear) part.</summary>
    public LinearTerm Wide => wide;

    /// <summary>The deep MLP.</summary>
    public Mlp Deep => deep;

    /// <summary>The MLP input layout (read by the exporters).</summary>
    internal DeepInput Input => deepInput;

    /// <summary>Logits, [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.cat(deepInput.Parts(embeddings.Lookup(batch), batch), 1);
        var logit = deep.call(x).squeeze(-1) + wide.call(batch);
        return logit.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) deepInput.Dispose();
        base.Dispose(disposing);
    }
}
