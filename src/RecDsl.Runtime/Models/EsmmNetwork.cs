using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>
/// Entire Space Multi-task Model (Ma et al. 2018): shared embeddings of the <c>[Deep]</c> features feed a CTR tower and
/// a CVR tower (each an <see cref="Mlp"/>). <c>forward</c> returns [B, 2] logits (CTR, CVR); the loss is
/// <see cref="EsmmLoss"/> over all impressions (CTR on click, pCTR x pCVR on click AND conversion), so the CVR tower is
/// trained on the entire space; <see cref="Probabilities"/> gives [B, 3] = pCTR, pCVR, pCTCVR.
/// </summary>
public class EsmmNetwork : RecNetwork
{
    private readonly FeatureEmbedder embeddings;
    private readonly Mlp ctr;
    private readonly Mlp cvr;
    private readonly DeepInput deepInput;

    /// <summary>Creates the network for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The schema has no [Deep] feature.</exception>
    public EsmmNetwork(FeatureSchema schema, EsmmOptions? options = null) : base(nameof(EsmmNetwork), schema)
    {
        Options = options ?? new EsmmOptions();
        var deepFeatures = schema.RequireRole(FeatureRoles.Deep, "ESMM");
        embeddings = new FeatureEmbedder(schema, deepFeatures, Options.SparseGradients, Options.EmbeddingInitStd, name: "embeddings");
        deepInput = new DeepInput(schema, embeddings, deepFeatures);
        ctr = new Mlp(deepInput.Size, Options.CtrHidden, Options.Activation, Options.Dropout, Options.BatchNorm, 1, "ctr");
        cvr = new Mlp(deepInput.Size, Options.CvrHidden, Options.Activation, Options.Dropout, Options.BatchNorm, 1, "cvr");
        RegisterComponents();
    }

    /// <summary>The hyperparameters.</summary>
    public EsmmOptions Options { get; }

    /// <summary>Embeddings shared by both towers.</summary>
    public FeatureEmbedder Embeddings => embeddings;

    /// <summary>The CTR tower.</summary>
    public Mlp CtrTower => ctr;

    /// <summary>The CVR tower.</summary>
    public Mlp CvrTower => cvr;

    /// <summary>The MLP input layout (read by the exporters).</summary>
    internal DeepInput Input => deepInput;

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Esmm;

    /// <summary>Logits, [B, 2]: CTR, CVR.</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.cat(deepInput.Parts(embeddings.Lookup(batch), batch), 1);
        return torch.cat(new[] { ctr.call(x), cvr.call(x) }, 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, FeatureBatch batch)
    {
        var click = batch.ClickLabel ?? throw new InvalidOperationException($"The batch has no click label; '{Schema.RecordName}' needs [ClickLabel] for ESMM.");
        var conversion = batch.ConversionLabel ?? throw new InvalidOperationException($"The batch has no conversion label; '{Schema.RecordName}' needs [ConversionLabel] for ESMM.");
        using var scope = torch.NewDisposeScope();
        return EsmmLoss.Compute(output.select(1, 0), output.select(1, 1), click, conversion).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Probabilities(Tensor output) => EsmmLoss.Probabilities(output);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) deepInput.Dispose();
        base.Dispose(disposing);
    }
}
