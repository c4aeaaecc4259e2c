using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Tests.Metrics;
using RecDsl.Training;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

public class EvaluatorTests
{
    /// <summary>A trained logistic network's metrics, against probabilities recomputed in float64 from its weights.</summary>
    [Fact]
    public void Single_task_metrics_match_an_independent_float64_evaluation()
    {
        var data = PlantedData.Logistic(seed: 31, n: 900);
        using var batch = data.ToBatch(withGroups: true);
        using var network = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 128, LearningRate = 0.05 }).Fit(batch);
        var p = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64).data<double>().ToArray());

        var probabilities = new double[data.Count];
        for (int r = 0; r < data.Count; r++)
        {
            double logit = p["bias"][0] + p["itemWeight"][data.Ids[r] + 2];
            for (int d = 0; d < TestSchemas.Dense; d++) logit += p["weight"][d] * data.Dense[r * TestSchemas.Dense + d];
            probabilities[r] = 1 / (1 + Math.Exp(-logit));
        }
        var scores = probabilities.Select(v => (float)v).ToArray();
        double logLoss = -data.Labels.Select((y, r) => y * Math.Log(probabilities[r]) + (1 - y) * Math.Log(1 - probabilities[r])).Average();
        double groupWeighted = 0, groupRows = 0;
        foreach (var g in data.Groups.Distinct())
        {
            var rows = Enumerable.Range(0, data.Count).Where(r => data.Groups[r] == g).ToArray();
            double auc = BruteForce.Auc(rows.Select(r => data.Labels[r]).ToArray(), rows.Select(r => scores[r]).ToArray());
            if (double.IsNaN(auc)) continue;
            groupWeighted += auc * rows.Length;
            groupRows += rows.Length;
        }

        var metrics = Evaluator.Evaluate(network, batch, batchSize: 100);

        Assert.Equal(["auc", "gauc", "logloss", "loss"], metrics.Keys.Order());
        Assert.Equal(BruteForce.Auc(data.Labels, scores), metrics["auc"], 3);
        Assert.Equal(groupWeighted / groupRows, metrics["gauc"], 3);
        Assert.Equal(logLoss, metrics["logloss"], 5);
        Assert.Equal(logLoss, metrics["loss"], 5); // the network's loss is the same BCE
        Assert.True(network.training, "evaluation restores train mode");
    }

    [Fact]
    public void Esmm_metrics_score_cvr_on_clicked_rows()
    {
        // Dense x0 drives clicks, x1 drives conversions; the network's heads read exactly those.
        int n = 600;
        var random = new Random(41);
        var dense = new float[n * TestSchemas.Dense];
        var click = new float[n];
        var buy = new float[n];
        for (int r = 0; r < n; r++)
        {
            for (int d = 0; d < TestSchemas.Dense; d++) dense[r * TestSchemas.Dense + d] = (float)Math.Round(random.NextDouble() * 4 - 2, 2);
            click[r] = random.NextDouble() < 1 / (1 + Math.Exp(-dense[r * TestSchemas.Dense])) ? 1 : 0;
            buy[r] = random.NextDouble() < 1 / (1 + Math.Exp(-2 * dense[r * TestSchemas.Dense + 1])) ? 1 : 0;
        }
        using var batch = new FeatureBatch(n, zeros([n, 1], ScalarType.Int64), tensor(dense, [n, TestSchemas.Dense]), [],
            clickLabel: tensor(click), conversionLabel: tensor(buy));
        using var network = new EsmmLogisticNetwork(TestSchemas.Planted(esmm: true), [1, 0, 0, 0], [0, 1, 0, 0]);
        var x0 = Enumerable.Range(0, n).Select(r => dense[r * TestSchemas.Dense]).ToArray();
        var x1 = Enumerable.Range(0, n).Select(r => dense[r * TestSchemas.Dense + 1]).ToArray();
        var pCtcvr = Enumerable.Range(0, n).Select(r => (float)(1 / (1 + Math.Exp(-x0[r])) / (1 + Math.Exp(-x1[r])))).ToArray();
        var clicked = Enumerable.Range(0, n).Where(r => click[r] == 1).ToArray();
        var both = click.Select((c, r) => c * buy[r]).ToArray();

        var metrics = Evaluator.Evaluate(network, batch);

        Assert.Equal(TaskKind.Esmm, network.Task);
        Assert.Equal(["ctcvr_auc", "ctcvr_logloss", "ctr_auc", "ctr_logloss", "cvr_auc", "cvr_logloss", "loss"], metrics.Keys.Order());
        Assert.Equal(BruteForce.Auc(click, x0), metrics["ctr_auc"], 12); // sigmoid keeps the order of the logits
        Assert.Equal(BruteForce.Auc(clicked.Select(r => buy[r]).ToArray(), clicked.Select(r => x1[r]).ToArray()), metrics["cvr_auc"], 12);
        Assert.Equal(BruteForce.Auc(both, pCtcvr), metrics["ctcvr_auc"], 3);
        Assert.NotEqual(BruteForce.Auc(buy, x1), metrics["cvr_auc"], 6);
    }

    [Fact]
    public void Missing_labels_are_named()
    {
        using var batch = PlantedData.Logistic(seed: 1, n: 10).ToBatch();
        using var esmm = new EsmmLogisticNetwork(TestSchemas.Planted(esmm: true));

        var e = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(esmm, batch));

        Assert.Contains("needs ClickLabel and ConversionLabel", e.Message);
    }
}
