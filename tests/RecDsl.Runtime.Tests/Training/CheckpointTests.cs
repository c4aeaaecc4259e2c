using RecDsl.Training;

namespace RecDsl.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-checkpoint-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    // Small training set so the monitored validation loss peaks inside the run (best epoch 3 of 6).
    private static readonly TrainerOptions Options = new()
    {
        LearningRate = 0.1, BatchSize = 16, Epochs = 6, Seed = 3, Monitor = "loss", MaxGradientNorm = 1.0,
        EarlyStopping = new EarlyStoppingOptions(Patience: 5), ReduceLrOnPlateau = new ReduceLrOnPlateauOptions(0.5, 2, 1e-4),
    };

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Adagrad)]
    public void Resuming_after_epoch_k_gives_bitwise_the_weights_and_history_of_an_uninterrupted_run(OptimizerKind optimizer)
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 1000).ToBatch();
        var options = Options with
        {
            Optimizer = optimizer,
            WeightDecay = optimizer == OptimizerKind.AdamW ? 0.01 : 0,
            LearningRate = optimizer == OptimizerKind.Adagrad ? 0.6 : 0.1, // Adagrad's steps shrink; it needs more to overfit
        };

        using var uninterrupted = new LogisticNetwork(TestSchemas.Planted());
        var full = new Trainer(uninterrupted, options with { CheckpointPath = PathOf("full.ckpt") }).Fit(train, validation);

        using var interrupted = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(interrupted, options with { Epochs = 4, CheckpointPath = PathOf("after4.ckpt") }).Fit(train, validation);

        using var resumedNetwork = new LogisticNetwork(TestSchemas.Planted());
        var resumed = new Trainer(resumedNetwork, options).Resume(PathOf("after4.ckpt"), train, validation);

        Assert.True(full.BestEpoch < 4, $"precondition: the best epoch ({full.BestEpoch}) lies before the checkpoint, so the best weights come from the file");
        Assert.Equal(full.History.Count, resumed.History.Count);
        for (int i = 0; i < full.History.Count; i++)
        {
            Assert.Equal(full.History[i].TrainLoss, resumed.History[i].TrainLoss);
            Assert.Equal(full.History[i].LearningRate, resumed.History[i].LearningRate);
            Assert.Equal(full.History[i].Validation, resumed.History[i].Validation);
        }
        Assert.Equal(full.BestEpoch, resumed.BestEpoch);
        Assert.Equal(full.LearningRate, resumed.LearningRate);
        Weights.AssertBitwiseEqual(Weights.Bytes(uninterrupted), Weights.Bytes(resumedNetwork));
    }

    [Fact]
    public void A_run_cancelled_mid_epoch_leaves_the_last_checkpoint_and_resuming_it_gives_the_uninterrupted_weights()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 200).ToBatch();
        var options = Options with { Epochs = 4, CheckpointPath = PathOf("cancelled.ckpt") };

        using var uninterrupted = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(uninterrupted, options with { CheckpointPath = PathOf("full.ckpt") }).Fit(train, validation);

        // Cancelled after the second step of epoch 3: the file still holds epoch 2, whole.
        using var cancelled = new LogisticNetwork(TestSchemas.Planted());
        using var cancel = new CancellationTokenSource();
        var onStep = new InlineProgress(p => { if (p is { Epoch: 3, Batch: 2 }) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(cancelled, options).Fit(train, validation, onStep, cancel.Token));

        using var resumedNetwork = new LogisticNetwork(TestSchemas.Planted());
        var resumed = new Trainer(resumedNetwork, options).Resume(PathOf("cancelled.ckpt"), train, validation);
        Assert.Equal(new[] { 1, 2, 3, 4 }, resumed.History.Select(r => r.Epoch));
        Weights.AssertBitwiseEqual(Weights.Bytes(uninterrupted), Weights.Bytes(resumedNetwork));
    }

    [Fact]
    public void Resuming_lazy_adam_gives_bitwise_the_weights_of_an_uninterrupted_run()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 1000).ToBatch();
        // Decay and clipping on: both act on the sparse table gradient and must replay exactly. No best-weights restore,
        // so the final weights are those of the last epoch.
        var options = Options with { Optimizer = OptimizerKind.LazyAdam, WeightDecay = 0.01, EarlyStopping = null };

        using var uninterrupted = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        var full = new Trainer(uninterrupted, options).Fit(train, validation);

        using var interrupted = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        new Trainer(interrupted, options with { Epochs = 4, CheckpointPath = PathOf("lazy4.ckpt") }).Fit(train, validation);
        Assert.False(Weights.BitwiseEqual(Weights.Bytes(uninterrupted), Weights.Bytes(interrupted)), "precondition: epochs 5-6 change the weights");

        using var resumedNetwork = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        var resumed = new Trainer(resumedNetwork, options).Resume(PathOf("lazy4.ckpt"), train, validation);

        Assert.Equal(full.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
        Weights.AssertBitwiseEqual(Weights.Bytes(uninterrupted), Weights.Bytes(resumedNetwork));
    }

    [Fact]
    public void Checkpoints_are_written_whole_with_no_temporary_file_left_behind()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 16, CheckpointPath = PathOf("sub/run.ckpt") }).Fit(train);

        Assert.Equal(["run.ckpt"], Directory.GetFiles(PathOf("sub")).Select(Path.GetFileName));
    }

    private string WriteCheckpoint(string name)
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 16, CheckpointPath = PathOf(name) }).Fit(train);
        return PathOf(name);
    }

    private static CheckpointException ResumeFails(string path, LogisticNetwork? network = null, TrainerOptions? options = null)
    {
        var target = network ?? new LogisticNetwork(TestSchemas.Planted());
        using var train = TrainingDataFor(target);
        try
        {
            return Assert.Throws<CheckpointException>(() =>
                new Trainer(target, options ?? new TrainerOptions { Epochs = 2, BatchSize = 16 }).Resume(path, train));
        }
        finally
        {
            if (network is null) target.Dispose();
        }
    }

    /// <summary>The planted rows with as many dense columns as <paramref name="network"/> declares (extra ones zero), so
    /// that a resume into a changed declaration gets past the batch check to the checkpoint's.</summary>
    private static RecDsl.Batching.FeatureBatch TrainingDataFor(LogisticNetwork network)
    {
        var data = PlantedData.Logistic(seed: 11, n: 60);
        int width = network.Schema.Dense.Count;
        var dense = new float[data.Count * width];
        for (int r = 0; r < data.Count; r++)
            for (int d = 0; d < Math.Min(width, TestSchemas.Dense); d++) dense[r * width + d] = data.Dense[r * TestSchemas.Dense + d];
        using var planted = data.ToBatch();
        return new RecDsl.Batching.FeatureBatch(data.Count, planted.SparseRows.clone(), TorchSharp.torch.tensor(dense, [data.Count, width]), [],
            label: planted.Label!.clone());
    }

    [Fact]
    public void A_truncated_checkpoint_says_it_is_truncated()
    {
        var path = WriteCheckpoint("t.ckpt");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 37)]);
        Assert.Contains("is truncated", ResumeFails(path).Message);

        File.WriteAllBytes(path, bytes[..12]);
        Assert.Contains("is truncated", ResumeFails(path).Message);
    }

    [Fact]
    public void A_damaged_checkpoint_says_it_is_corrupt()
    {
        var path = WriteCheckpoint("c.ckpt");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var e = ResumeFails(path);

        Assert.Contains("is corrupt", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Other_files_and_missing_files_are_named_as_such()
    {
        File.WriteAllText(PathOf("notes.txt"), "hello, not a checkpoint");
        Assert.Contains("is not a RecDsl checkpoint", ResumeFails(PathOf("notes.txt")).Message);
        Assert.Contains("does not exist", ResumeFails(PathOf("missing.ckpt")).Message);
    }

    [Fact]
    public void A_changed_declaration_is_refused_with_what_changed()
    {
        var path = WriteCheckpoint("f.ckpt");
        using var moreIds = new LogisticNetwork(TestSchemas.Planted(ids: 12));
        using var moreDense = new LogisticNetwork(TestSchemas.Planted(dense: 5));

        var cardinality = ResumeFails(path, moreIds);
        var added = ResumeFails(path, moreDense);

        Assert.Contains("another declaration of 'Tests.Planted'", cardinality.Message);
        Assert.Contains("changed: item: Sparse roles=Deep table=item ids=10", cardinality.Message);
        Assert.Contains("->  item: Sparse roles=Deep table=item ids=12", cardinality.Message);
        Assert.Contains("added: x4: Dense", added.Message);
        Assert.DoesNotContain("  changed: ", added.Message);
    }

    [Fact]
    public void A_checkpoint_path_that_names_a_folder_is_refused_before_training_not_after_an_epoch()
    {
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var error = Assert.Throws<ArgumentException>(() => new Trainer(network, Options with { CheckpointPath = folder }));

        Assert.Equal($"CheckpointPath '{folder}' is a folder; name a file in it, such as '{Path.Combine(folder, "training.ckpt")}'. (Parameter 'CheckpointPath')", error.Message);
        Assert.Throws<ArgumentException>(() => new Trainer(network, Options with { CheckpointPath = " " }));
    }

    [Fact]
    public void Missing_folders_of_the_checkpoint_path_are_created()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var path = Path.Combine(folder, "runs", "a", "training.ckpt");

        new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 16, CheckpointPath = path }).Fit(train);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Options_that_fix_the_data_order_must_match()
    {
        var path = WriteCheckpoint("o.ckpt");

        var e = ResumeFails(path, options: new TrainerOptions { Epochs = 2, BatchSize = 32, Optimizer = OptimizerKind.Adagrad });

        Assert.Contains("optimizer LazyAdam -> Adagrad", e.Message); // the CPU default (DeviceDefaults)
        Assert.Contains("batch size 16 -> 32", e.Message);
    }

    [Fact]
    public void Another_monitored_metric_is_refused_by_name_before_any_weight_is_copied()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 200).ToBatch();
        var options = new TrainerOptions { Epochs = 2, BatchSize = 16, Monitor = "loss", CheckpointPath = PathOf("m.ckpt") };
        using (var trained = new LogisticNetwork(TestSchemas.Planted()))
            new Trainer(trained, options).Fit(train, validation);

        using var untouched = new LogisticNetwork(TestSchemas.Planted());
        var before = Weights.Bytes(untouched);
        var e = Assert.Throws<CheckpointException>(() =>
            new Trainer(untouched, options with { Epochs = 3, Monitor = "logloss" }).Resume(PathOf("m.ckpt"), train, validation));

        Assert.Equal($"Checkpoint '{PathOf("m.ckpt")}' cannot continue with these options: monitor loss -> logloss.", e.Message);
        Weights.AssertBitwiseEqual(before, Weights.Bytes(untouched));
    }

    [Fact]
    public void A_well_framed_checkpoint_of_garbage_is_corrupt_content()
    {
        var path = PathOf("garbage.ckpt");
        CheckpointFile.Write(path, PayloadKind.Training, w => w.Write("not a checkpoint"u8));

        Assert.StartsWith($"Checkpoint '{path}' is corrupt: its content cannot be parsed (", ResumeFails(path).Message);
    }

    [Fact]
    public void A_checkpoint_past_the_epochs_asked_for_is_refused_and_one_at_exactly_that_many_returns_its_run()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 60).ToBatch();
        var options = new TrainerOptions { Epochs = 3, BatchSize = 16, CheckpointPath = PathOf("three.ckpt") };
        using var trained = new LogisticNetwork(TestSchemas.Planted());
        new Trainer(trained, options).Fit(train);

        using var untouched = new LogisticNetwork(TestSchemas.Planted());
        var before = Weights.Bytes(untouched);
        var e = ResumeFails(PathOf("three.ckpt"), untouched, options with { Epochs = 2, CheckpointPath = null });
        Assert.Contains("holds epoch 3, past Epochs = 2", e.Message);
        Assert.Contains("three.ckpt", e.Message);
        Weights.AssertBitwiseEqual(before, Weights.Bytes(untouched)); // refused before any weight was copied

        using var finished = new LogisticNetwork(TestSchemas.Planted());
        var result = new Trainer(finished, options with { CheckpointPath = null }).Resume(PathOf("three.ckpt"), train);
        Assert.Equal(new[] { 1, 2, 3 }, result.History.Select(r => r.Epoch));
        Weights.AssertBitwiseEqual(Weights.Bytes(trained), Weights.Bytes(finished));
    }
}
