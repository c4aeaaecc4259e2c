using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>Schemas of the planted data: <c>Dense</c> dense features and one sparse feature with
/// <c>Ids</c> ids. The real networks are written elsewhere; the trainer only needs a RecNetwork.</summary>
internal static class TestSchemas
{
    public const int Dense = 4;
    public const int Ids = 10;

    public static FeatureSchema Planted(long ids = Ids, int dense = Dense, bool esmm = false)
    {
        var features = new List<FeatureInfo> { new("item", FeatureKind.Sparse, FeatureRoles.Deep, 0, "item", ids, 1) };
        for (int d = 0; d < dense; d++) features.Add(new FeatureInfo($"x{d}", FeatureKind.Dense, FeatureRoles.Deep, d, "", 0, 0));
        var labels = esmm ? new LabelInfo(ClickLabel: "click", ConversionLabel: "buy", Group: "user") : new LabelInfo(Label: "click", Group: "user");
        return new FeatureSchema("Tests.Planted", features, labels);
    }
}

/// <summary>Logistic regression: <c>logit = Dense·w + b + itemWeight[row]</c>. Starts at zero, so it draws
/// nothing from torch's global RNG (tests run in parallel).</summary>
internal sealed class LogisticNetwork : RecNetwork
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Parameter itemWeight;

    public LogisticNetwork(FeatureSchema schema) : base(nameof(LogisticNetwork), schema)
    {
        weight = nn.Parameter(zeros(schema.Dense.Count));
        bias = nn.Parameter(zeros(1));
        itemWeight = nn.Parameter(zeros(schema.Sparse[0].TableRows));
        RegisterComponents();
    }

    public override TaskKind Task => TaskKind.SingleTask;

    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        var logit = batch.Dense.matmul(weight) + bias + itemWeight.index_select(0, batch.SparseRows.select(1, 0));
        return logit.MoveToOuterDisposeScope();
    }

    public override Tensor Loss(Tensor output, FeatureBatch batch) =>
        nn.functional.binary_cross_entropy_with_logits(output, batch.Label!);

    public override Tensor Probabilities(Tensor output) => output.sigmoid();
}

/// <summary><see cref="LogisticNetwork"/> with the per-item weights in an <see cref="EmbeddingTable"/> (dimension 1),
/// so that the trainer can switch it to sparse gradients. Starts at zero.</summary>
internal sealed class EmbeddingLogisticNetwork : RecNetwork
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly EmbeddingTable items;

    public EmbeddingLogisticNetwork(FeatureSchema schema) : base(nameof(EmbeddingLogisticNetwork), schema)
    {
        weight = nn.Parameter(zeros(schema.Dense.Count));
        bias = nn.Parameter(zeros(1));
        items = new EmbeddingTable(schema.Sparse[0].TableRows, 1, initStd: 0, name: "items");
        RegisterComponents();
    }

    public EmbeddingTable Items => items;

    public override TaskKind Task => TaskKind.SingleTask;

    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        var logit = batch.Dense.matmul(weight) + bias + items.call(batch.SparseRows.select(1, 0)).squeeze(-1);
        return logit.MoveToOuterDisposeScope();
    }

    public override Tensor Loss(Tensor output, FeatureBatch batch) =>
        nn.functional.binary_cross_entropy_with_logits(output, batch.Label!);

    public override Tensor Probabilities(Tensor output) => output.sigmoid();
}

/// <summary>Two logistic heads over the dense features: CTR and CVR logits, ESMM loss in log space.</summary>
internal sealed class EsmmLogisticNetwork : RecNetwork
{
    private readonly Parameter ctr;
    private readonly Parameter cvr;

    public EsmmLogisticNetwork(FeatureSchema schema, float[]? ctrWeights = null, float[]? cvrWeights = null) : base(nameof(EsmmLogisticNetwork), schema)
    {
        ctr = nn.Parameter(ctrWeights is null ? zeros(schema.Dense.Count) : tensor(ctrWeights));
        cvr = nn.Parameter(cvrWeights is null ? zeros(schema.Dense.Count) : tensor(cvrWeights));
        RegisterComponents();
    }

    public override TaskKind Task => TaskKind.Esmm;

    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        return stack([batch.Dense.matmul(ctr), batch.Dense.matmul(cvr)], 1).MoveToOuterDisposeScope();
    }

    public override Tensor Loss(Tensor output, FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        var ctrLogit = output.select(1, 0);
        var cvrLogit = output.select(1, 1);
        var clickLoss = nn.functional.binary_cross_entropy_with_logits(ctrLogit, batch.ClickLabel!);
        // log pCTCVR = logsigmoid(a) + logsigmoid(c); log(1 - pCTCVR) = log1p(-exp(log pCTCVR)).
        var logP = nn.functional.logsigmoid(ctrLogit) + nn.functional.logsigmoid(cvrLogit);
        var log1mP = (-logP.exp()).log1p().clamp_min(-100);
        var both = batch.ClickLabel! * batch.ConversionLabel!;
        var ctcvrLoss = -(both * logP + (1 - both) * log1mP).mean();
        return (clickLoss + ctcvrLoss).MoveToOuterDisposeScope();
    }

    public override Tensor Probabilities(Tensor output)
    {
        using var scope = NewDisposeScope();
        var pCtr = output.select(1, 0).sigmoid();
        var pCvr = output.select(1, 1).sigmoid();
        return stack([pCtr, pCvr, pCtr * pCvr], 1).MoveToOuterDisposeScope();
    }
}
