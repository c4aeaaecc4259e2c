using RecDsl.Batching;
using RecDsl.Training;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>Data that cannot train or cannot be monitored is refused before the first step, with a message that
/// says what the data holds, instead of a run whose loss is NaN or whose early stopping never sees a best epoch.</summary>
public class DegenerateDataTests
{
    private static readonly TrainerOptions Stopping = new()
    {
        LearningRate = 0.1, BatchSize = 64, Epochs = 3, Seed = 3, EarlyStopping = new EarlyStoppingOptions(1),
    };

    private static FeatureBatch WithLabels(PlantedData data, Func<int, float> label, bool withGroups = false)
    {
        var labels = Enumerable.Range(0, data.Count).Select(label).ToArray();
        return new PlantedData
        {
            Dense = data.Dense, Ids = data.Ids, Labels = labels, TrueProbabilities = data.TrueProbabilities, Groups = data.Groups,
        }.ToBatch(withGroups);
    }

    [Fact]
    public void Training_data_without_rows_is_refused()
    {
        using var empty = PlantedData.Logistic(seed: 1, n: 0).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping with { EarlyStopping = null }).Fit(empty));

        Assert.Equal("train", e.ParamName);
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void Validation_data_without_rows_is_refused()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 100).ToBatch();
        using var empty = PlantedData.Logistic(seed: 2, n: 0).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping).Fit(train, empty));

        Assert.Equal("validation", e.ParamName);
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void Early_stopping_on_an_auc_of_one_class_is_refused_with_the_label_counts()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 200).ToBatch();
        using var negativesOnly = WithLabels(PlantedData.Logistic(seed: 2, n: 150), _ => 0f);
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var before = Weights.Bytes(network);

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping).Fit(train, negativesOnly));

        Assert.Equal("validation", e.ParamName);
        Assert.Contains("Cannot monitor 'auc'", e.Message);
        Assert.Contains("150 rows, 0 with label 1", e.Message);
        Assert.Contains("monitor 'logloss'", e.Message);
        Weights.AssertBitwiseEqual(before, Weights.Bytes(network)); // refused before the first step
    }

    [Fact]
    public void The_same_validation_data_trains_when_a_defined_metric_is_monitored_or_nothing_depends_on_it()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 200).ToBatch();
        using var positivesOnly = WithLabels(PlantedData.Logistic(seed: 2, n: 150), _ => 1f);
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var byLogLoss = new Trainer(network, Stopping with { Monitor = "logloss" }).Fit(train, positivesOnly);
        var reportOnly = new Trainer(network, Stopping with { EarlyStopping = null }).Fit(train, positivesOnly);

        Assert.True(byLogLoss.BestEpoch >= 1);
        Assert.False(double.IsNaN(byLogLoss.BestValue));
        Assert.Equal(3, reportOnly.History.Count);
        Assert.All(reportOnly.History, h => Assert.True(double.IsNaN(h.Validation["auc"])));
    }

    [Fact]
    public void Gauc_without_a_group_of_both_classes_is_refused_while_auc_is_not()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 200).ToBatch();
        // Label = group parity: both classes overall, one class inside every group.
        var planted = PlantedData.Logistic(seed: 2, n: 300);
        using var validation = WithLabels(planted, r => planted.Groups[r] % 2, withGroups: true);
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping with { Monitor = "gauc" }).Fit(train, validation));
        var byAuc = new Trainer(network, Stopping with { Monitor = "auc" }).Fit(train, validation);

        Assert.Contains("Cannot monitor 'gauc'", e.Message);
        Assert.False(double.IsNaN(byAuc.BestValue));
    }

    [Fact]
    public void Esmm_cvr_auc_without_clicked_conversions_is_refused_and_names_clicks_and_conversions()
    {
        int n = 120;
        var random = new Random(5);
        var dense = Enumerable.Range(0, n * TestSchemas.Dense).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var click = Enumerable.Range(0, n).Select(r => r % 3 == 0 ? 1f : 0f).ToArray();
        FeatureBatch Batch(float[] conversion) => new(n, zeros([n, 1], ScalarType.Int64), tensor(dense, [n, TestSchemas.Dense]), [],
            clickLabel: tensor(click), conversionLabel: tensor(conversion));
        using var train = Batch(Enumerable.Range(0, n).Select(r => r % 6 == 0 ? 1f : 0f).ToArray());
        using var noConversions = Batch(new float[n]);
        using var network = new EsmmLogisticNetwork(TestSchemas.Planted(esmm: true));

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping with { Monitor = "cvr_auc" }).Fit(train, noConversions));
        var byCtr = new Trainer(network, Stopping with { Monitor = "ctr_auc" }).Fit(train, noConversions);

        var singleTaskName = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping with { Monitor = "auc" }).Fit(train, train));

        Assert.Contains("Cannot monitor 'cvr_auc'", e.Message);
        Assert.Contains("120 rows, 40 clicked, 0 of them converted", e.Message);
        Assert.Contains("An ESMM network reports each of its tasks by name: ctr_, cvr_ and ctcvr_ auc or logloss.", singleTaskName.Message);
        Assert.Contains("monitor 'ctcvr_logloss'", e.Message);
        Assert.False(double.IsNaN(byCtr.BestValue));
    }

    // A float label may be soft (a click rate, a teacher's probability): training takes it, an AUC cannot rank it.
    private static float SoftLabel(int row) => (row % 11) / 10f; // 0, 0.1, ..., 1

    [Fact]
    public void Soft_validation_labels_train_and_report_auc_as_undefined_instead_of_failing_after_the_first_epoch()
    {
        using var train = WithLabels(PlantedData.Logistic(seed: 1, n: 200), SoftLabel);
        var planted = PlantedData.Logistic(seed: 2, n: 150);
        using var validation = WithLabels(planted, SoftLabel, withGroups: true);
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var result = new Trainer(network, Stopping with { EarlyStopping = null }).Fit(train, validation);

        Assert.Equal(3, result.History.Count);
        var last = result.History[^1].Validation;
        Assert.True(double.IsNaN(last["auc"]));
        Assert.True(double.IsNaN(last["gauc"]));
        // The log loss takes the soft labels as they are: float64 reference from the network's own probabilities.
        network.eval();
        float[] p;
        using (no_grad()) p = network.Probabilities(network.call(validation)).data<float>().ToArray();
        var labels = Enumerable.Range(0, planted.Count).Select(SoftLabel).ToArray();
        double reference = -labels.Select((y, i) => y * Math.Log(p[i]) + (1 - y) * Math.Log(1 - p[i])).Average();
        Assert.Equal(reference, last["logloss"], 6);
    }

    [Fact]
    public void Early_stopping_on_auc_over_soft_labels_is_refused_before_the_first_step_and_logloss_is_offered()
    {
        using var train = WithLabels(PlantedData.Logistic(seed: 1, n: 200), SoftLabel);
        using var validation = WithLabels(PlantedData.Logistic(seed: 2, n: 150), SoftLabel);
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var before = Weights.Bytes(network);

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Stopping).Fit(train, validation));
        Weights.AssertBitwiseEqual(before, Weights.Bytes(network));
        var byLogLoss = new Trainer(network, Stopping with { Monitor = "logloss" }).Fit(train, validation);

        Assert.Contains("Cannot monitor 'auc'", e.Message);
        Assert.Contains("150 rows, 13 with label 1, 123 soft labels (neither 0 nor 1, so no AUC)", e.Message);
        Assert.Contains("monitor 'logloss'", e.Message);
        Assert.True(byLogLoss.BestEpoch >= 1);
    }
}
