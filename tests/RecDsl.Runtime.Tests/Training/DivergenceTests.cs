using RecDsl.Training;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>A run whose weights stop being numbers ends at that epoch with a message, instead of training on NaN.</summary>
public sealed class DivergenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-divergence-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly TrainerOptions Options = new() { LearningRate = 0.1, BatchSize = 16, Epochs = 4, Seed = 3 };

    /// <summary>Poisons the network's first parameter at the first step of <paramref name="epoch"/>.</summary>
    private sealed class PoisonAt(LogisticNetwork network, int epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch != epoch || value.Batch != 1 || value.Completed is not null) return;
            using var noGrad = no_grad();
            network.parameters().First().fill_(float.NaN);
        }
    }

    [Fact]
    public void A_nan_loss_stops_the_run_at_that_epoch_and_the_checkpoint_keeps_the_last_finite_one()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 200).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        string checkpoint = Path.Combine(folder, "run.ckpt");
        var options = Options with { CheckpointPath = checkpoint };

        var e = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, options).Fit(train, validation, new PoisonAt(network, epoch: 3)));

        Assert.Equal(3, e.Epoch);
        Assert.True(double.IsNaN(e.TrainLoss));
        Assert.StartsWith("Training diverged in epoch 3: the mean training loss is NaN. Lower the learning rate (now 0.1)", e.Message);
        Assert.EndsWith($"The checkpoint '{checkpoint}' still holds epoch 2; Resume continues from it.", e.Message);
        // The checkpoint really is epoch 2's: resuming it trains epochs 3 and 4 on finite weights.
        using var resumed = new LogisticNetwork(TestSchemas.Planted());
        var result = new Trainer(resumed, options).Resume(checkpoint, train, validation);
        Assert.Equal([1, 2, 3, 4], result.History.Select(h => h.Epoch));
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
    }

    [Fact]
    public void A_run_that_diverges_in_its_first_epoch_says_it_wrote_no_checkpoint()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        string checkpoint = Path.Combine(folder, "run.ckpt");

        var e = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(network, Options with { CheckpointPath = checkpoint }).Fit(train, null, new PoisonAt(network, epoch: 1)));

        Assert.EndsWith($"This run has not written the checkpoint '{checkpoint}'.", e.Message);
    }

    [Fact]
    public void A_resumed_run_that_diverges_at_once_names_the_epoch_it_resumed_from_only_when_it_resumed_from_that_file()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        string checkpoint = Path.Combine(folder, "run.ckpt");
        string elsewhere = Path.Combine(folder, "other.ckpt");
        using (var first = new LogisticNetwork(TestSchemas.Planted()))
            new Trainer(first, Options with { Epochs = 2, CheckpointPath = checkpoint }).Fit(train);

        using var same = new LogisticNetwork(TestSchemas.Planted());
        var fromSame = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(same, Options with { CheckpointPath = Path.Combine(folder, ".", "run.ckpt") }).Resume(checkpoint, train, null, new PoisonAt(same, epoch: 3)));
        using var other = new LogisticNetwork(TestSchemas.Planted());
        var toOther = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(other, Options with { CheckpointPath = elsewhere }).Resume(checkpoint, train, null, new PoisonAt(other, epoch: 3)));

        Assert.Equal(3, fromSame.Epoch);
        Assert.EndsWith("still holds epoch 2; Resume continues from it.", fromSame.Message);
        Assert.EndsWith($"This run has not written the checkpoint '{elsewhere}'.", toOther.Message);
        Assert.False(File.Exists(elsewhere));
    }

    [Fact]
    public void Without_validation_a_nan_loss_stops_the_run_too()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<TrainingDivergedException>(() => new Trainer(network, Options).Fit(train, null, new PoisonAt(network, epoch: 1)));

        Assert.Equal(1, e.Epoch);
        Assert.DoesNotContain("checkpoint", e.Message);
    }
}
