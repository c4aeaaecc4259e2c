using RecDsl.Training;

namespace RecDsl.Tests.Training;

public class EarlyStoppingTests
{
    // 60 training rows: the validation metrics improve for a few epochs, then overfitting makes them worse.
    private static readonly TrainerOptions Overfitting = new() { LearningRate = 0.1, BatchSize = 16, Epochs = 15, Seed = 3 };

    private static Dictionary<string, byte[]> WeightsAfter(int epochs)
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(network, Overfitting with { Epochs = epochs }).Fit(train);
        return Weights.Bytes(network);
    }

    [Theory]
    [InlineData("loss", 3)]
    [InlineData("auc", 2)]
    [InlineData("logloss", 2)]
    public void Stops_after_patience_epochs_without_improvement_and_restores_the_best_epoch(string metric, int patience)
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 4000).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var options = Overfitting with { Monitor = metric, EarlyStopping = new EarlyStoppingOptions(patience) };

        var result = new Trainer(network, options).Fit(train, validation);

        var values = result.History.Select(h => h.Validation[metric]).ToArray();
        int best = metric == "auc" ? Array.IndexOf(values, values.Max()) + 1 : Array.IndexOf(values, values.Min()) + 1;
        Assert.True(best > 1, $"planted data should improve past epoch 1: {string.Join(", ", values)}");
        Assert.True(result.StoppedEarly);
        Assert.Equal(best + patience, result.History.Count);
        Assert.Equal(best, result.BestEpoch);
        Assert.Equal(values[best - 1], result.BestValue);
        Assert.True(result.RestoredBestWeights);
        // Training is deterministic, so the best epoch's weights are those of a plain run of that many epochs.
        Weights.AssertBitwiseEqual(WeightsAfter(best), Weights.Bytes(network));
    }

    [Fact]
    public void Without_restore_the_last_epoch_weights_are_kept()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 4000).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var options = Overfitting with { Monitor = "loss", EarlyStopping = new EarlyStoppingOptions(3, RestoreBestWeights: false) };

        var result = new Trainer(network, options).Fit(train, validation);

        Assert.True(result.StoppedEarly);
        Assert.False(result.RestoredBestWeights);
        Weights.AssertBitwiseEqual(WeightsAfter(result.History.Count), Weights.Bytes(network));
    }

    [Theory]
    [InlineData(1, new[] { 0.1, 0.1, 0.05, 0.025, 0.02, 0.02, 0.02 })]
    [InlineData(2, new[] { 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025 })]
    public void Reduce_on_plateau_cuts_the_learning_rate_after_patience_bad_epochs_down_to_the_minimum(int patience, double[] expected)
    {
        // Validation labels drawn from 1 - p: after epoch 1 the monitored loss never beats its first value.
        using var train = PlantedData.Logistic(seed: 11, n: 2000).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 2000, flipLabels: true).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var options = new TrainerOptions
        {
            LearningRate = 0.1, BatchSize = 256, Epochs = 7, Seed = 3, Monitor = "loss",
            ReduceLrOnPlateau = new ReduceLrOnPlateauOptions(Factor: 0.5, Patience: patience, MinLearningRate: 0.02),
        };

        var result = new Trainer(network, options).Fit(train, validation);

        var losses = result.History.Select(h => h.Validation["loss"]).ToArray();
        Assert.True(losses.Skip(1).All(l => l > losses[0]), $"precondition: no improvement after epoch 1: {string.Join(", ", losses)}");
        Assert.Equal(expected, result.History.Select(h => h.LearningRate).ToArray());
        Assert.Equal(0.02, result.LearningRate); // the cut after epoch 7 hits the minimum in both cases
        Assert.False(result.StoppedEarly);
    }
}
