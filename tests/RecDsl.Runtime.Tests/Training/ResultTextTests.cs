using System.Globalization;
using RecDsl.Prediction;
using RecDsl.Training;

namespace RecDsl.Tests.Training;

/// <summary>Printing a result shows its values, not "System.Collections.Generic.Dictionary`2[...]".</summary>
public class ResultTextTests
{
    [Fact]
    public void An_epoch_record_prints_its_validation_metrics()
    {
        WithCulture("en-US", () =>
        {
            var metrics = new Dictionary<string, double> { ["auc"] = 0.75, ["logloss"] = 0.5 };
            Assert.Equal("EpochRecord { Epoch = 3, TrainLoss = 0.25, Validation = { auc = 0.75, logloss = 0.5 }, LearningRate = 0.001, Seconds = 1.5 }",
                new EpochRecord(3, 0.25, metrics, 0.001, 1.5).ToString());
            Assert.Equal("EpochRecord { Epoch = 1, TrainLoss = 0.5, Validation = {}, LearningRate = 0.01, Seconds = 2 }",
                new EpochRecord(1, 0.5, new Dictionary<string, double>(), 0.01, 2).ToString());
        });
    }

    [Fact]
    public void A_training_result_prints_the_number_of_epochs_and_the_best_value()
    {
        WithCulture("en-US", () =>
        {
            var epoch = new EpochRecord(1, 0.5, new Dictionary<string, double> { ["auc"] = 0.7 }, 0.01, 2);
            Assert.Equal("TrainingResult { History = [2 epochs], Monitor = auc, BestEpoch = 1, BestValue = 0.7, StoppedEarly = True, RestoredBestWeights = True, LearningRate = 0.005 }",
                new TrainingResult(new[] { epoch, epoch with { Epoch = 2 } }, "auc", 1, 0.7, true, true, 0.005).ToString());
            Assert.Equal("TrainingResult { History = [1 epoch], Monitor = , BestEpoch = 0, BestValue = NaN, StoppedEarly = False, RestoredBestWeights = False, LearningRate = 0.01 }",
                new TrainingResult(new[] { epoch }, null, 0, double.NaN, false, false, 0.01).ToString());
        });
    }

    [Fact]
    public void Esmm_predictions_print_their_first_values_and_how_many_there_are()
    {
        WithCulture("en-US", () =>
        {
            var many = Enumerable.Range(1, 7).Select(i => i / 10f).ToArray();
            Assert.Equal("EsmmPredictions { Ctr = [0.1, 0.2, 0.3, 0.4, 0.5, ... (7 values)], Cvr = [0.5], Ctcvr = [] }",
                new EsmmPredictions(many, new[] { 0.5f }, Array.Empty<float>()).ToString());
        });
    }

    [Fact]
    public void Numbers_follow_the_current_culture_like_the_records_own_members()
    {
        WithCulture("de-DE", () => Assert.Contains("TrainLoss = 0,25, Validation = { auc = 0,75 }",
            new EpochRecord(1, 0.25, new Dictionary<string, double> { ["auc"] = 0.75 }, 0.01, 2).ToString()));
    }

    private static void WithCulture(string name, Action action)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try { action(); }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
