using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>Base of the one-logit networks (WideDeep, DeepFM, DIN): binary cross-entropy on logits against
/// <see cref="FeatureBatch.Label"/>, probabilities by sigmoid.</summary>
public abstract class SingleTaskNetwork : RecNetwork
{
    /// <summary>Creates the network for a schema.</summary>
    protected SingleTaskNetwork(string name, FeatureSchema schema) : base(name, schema)
    {
    }

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.SingleTask;

    /// <inheritdoc/>
    public override Tensor Loss(Tensor output, FeatureBatch batch)
    {
        var label = batch.Label ?? throw new InvalidOperationException($"The batch has no label; '{Schema.RecordName}' needs [Label] for {GetType().Name}.");
        return nn.functional.binary_cross_entropy_with_logits(output, label);
    }

    /// <inheritdoc/>
    public override Tensor Probabilities(Tensor output) => output.sigmoid();
}
