using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Metrics;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

public class TrainerTests
{
    private static readonly TrainerOptions Fast = new() { LearningRate = 0.05, BatchSize = 256, Epochs = 6, Seed = 7 };

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Adagrad)]
    public void Loss_falls_and_auc_reaches_the_bayes_auc_on_planted_logistic_data(OptimizerKind optimizer)
    {
        var trainData = PlantedData.Logistic(seed: 1, n: 6000);
        var validationData = PlantedData.Logistic(seed: 2, n: 6000);
        double bayesAuc = RocAuc.Compute(validationData.Labels, validationData.TrueProbabilities);
        using var train = trainData.ToBatch();
        using var validation = validationData.ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var options = Fast with { Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Adagrad ? 0.3 : 0.05 };

        var result = new Trainer(network, options).Fit(train, validation);

        Assert.Equal(6, result.History.Count);
        // Zero weights predict 0.5 everywhere (loss ln 2); the true probabilities give the floor.
        double bayesTrainLoss = LogLoss.Compute(trainData.Labels, trainData.TrueProbabilities);
        var losses = result.History.Select(h => h.TrainLoss).ToArray();
        Assert.True(losses[0] < Math.Log(2) && losses[^1] < losses[0], $"train loss {string.Join(", ", losses)}");
        Assert.True(Math.Abs(losses[^1] - bayesTrainLoss) < 0.02, $"final train loss {losses[^1]:F4} vs Bayes {bayesTrainLoss:F4}");
        double auc = result.History[^1].Validation["auc"];
        Assert.True(auc > bayesAuc - 0.01 && auc < bayesAuc + 0.01, $"AUC {auc:F4} vs Bayes {bayesAuc:F4}");
    }

    [Fact]
    public void Lazy_adam_reaches_the_bayes_auc_with_sparse_table_gradients_and_restores_the_table_mode()
    {
        var trainData = PlantedData.Logistic(seed: 1, n: 6000);
        var validationData = PlantedData.Logistic(seed: 2, n: 6000);
        double bayesAuc = RocAuc.Compute(validationData.Labels, validationData.TrueProbabilities);
        using var train = trainData.ToBatch();
        using var validation = validationData.ToBatch();
        using var network = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        var modes = new List<bool>();

        var result = new Trainer(network, Fast with { Optimizer = OptimizerKind.LazyAdam })
            .Fit(train, validation, new InlineProgress(_ => modes.Add(network.Items.SparseGradients)));

        Assert.All(modes, sparse => Assert.True(sparse));
        Assert.False(network.Items.SparseGradients);
        double auc = result.History[^1].Validation["auc"];
        Assert.True(auc > bayesAuc - 0.01 && auc < bayesAuc + 0.01, $"AUC {auc:F4} vs Bayes {bayesAuc:F4}");
    }

    [Fact]
    public void Dense_optimizers_train_a_table_built_with_sparse_gradients_and_the_cpu_default_is_lazy_adam()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 600).ToBatch();
        using var network = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        network.Items.SparseGradients = true; // TorchSharp's Adam would throw on a sparse gradient

        var modes = new List<bool>();
        new Trainer(network, Fast with { Optimizer = OptimizerKind.Adam, Epochs = 1 })
            .Fit(train, progress: new InlineProgress(_ => modes.Add(network.Items.SparseGradients)));

        Assert.All(modes, sparse => Assert.False(sparse));
        Assert.True(network.Items.SparseGradients);
        Assert.Equal(OptimizerKind.LazyAdam, DeviceDefaults.Optimizer(TorchSharp.DeviceType.CPU));
        Assert.Equal(OptimizerKind.Adam, DeviceDefaults.Optimizer(TorchSharp.DeviceType.CUDA));
    }

    [Fact]
    public void Lazy_adam_switches_every_table_of_a_deepfm_including_the_first_order_weights()
    {
        var schema = new SchemaBuilder()
            .Sparse("a", 30, 4, FeatureRoles.FmField | FeatureRoles.Deep)
            .Sparse("b", 20, 4, FeatureRoles.FmField | FeatureRoles.Deep)
            .Dense("x", FeatureRoles.Deep)
            .Build();
        using var network = new DeepFmNetwork(schema, new DeepFmOptions { Hidden = [8] });
        var data = new Models.Synthetic(schema, 256, seed: 3);
        using var train = data.Batch(label: Enumerable.Range(0, 256).Select(i => (float)(i % 2)).ToArray());
        var tables = network.modules().OfType<EmbeddingTable>().ToArray();
        var before = Weights.Bytes(network);
        var modes = new List<bool>();

        new Trainer(network, Fast with { Optimizer = OptimizerKind.LazyAdam, Epochs = 1, BatchSize = 64 })
            .Fit(train, progress: new InlineProgress(_ => modes.AddRange(tables.Select(t => t.SparseGradients))));

        Assert.Equal(2, tables.Length); // the dim-4 fused embeddings and the dim-1 first-order weights
        Assert.NotEmpty(modes);
        Assert.All(modes, sparse => Assert.True(sparse));
        var after = Weights.Bytes(network);
        Assert.All(before.Keys, name => Assert.False(before[name].AsSpan().SequenceEqual(after[name]), $"'{name}' did not train"));
    }

    private static (FeatureBatch Batch, float[] Click, float[] Buy, float[] PCtr, float[] PCvr) PlantedEsmm(int seed, int n)
    {
        // pCTR = sigmoid(x0), pCVR = sigmoid(1.5 x1): what the two heads of EsmmLogisticNetwork can express.
        var random = new Random(seed);
        var dense = new float[n * TestSchemas.Dense];
        var click = new float[n];
        var buy = new float[n];
        var pCtr = new float[n];
        var pCvr = new float[n];
        for (int r = 0; r < n; r++)
        {
            for (int d = 0; d < TestSchemas.Dense; d++) dense[r * TestSchemas.Dense + d] = (float)(random.NextDouble() * 4 - 2);
            pCtr[r] = (float)(1 / (1 + Math.Exp(-dense[r * TestSchemas.Dense])));
            pCvr[r] = (float)(1 / (1 + Math.Exp(-1.5 * dense[r * TestSchemas.Dense + 1])));
            click[r] = random.NextDouble() < pCtr[r] ? 1 : 0;
            buy[r] = click[r] == 1 && random.NextDouble() < pCvr[r] ? 1 : 0;
        }
        var batch = new FeatureBatch(n, zeros([n, 1], ScalarType.Int64),
            tensor(dense, [n, TestSchemas.Dense]), [],
            clickLabel: tensor(click), conversionLabel: tensor(buy));
        return (batch, click, buy, pCtr, pCvr);
    }

    [Fact]
    public void Esmm_networks_train_and_report_the_trio_near_their_bayes_values()
    {
        using var train = PlantedEsmm(seed: 1, n: 6000).Batch;
        var (validationBatch, click, buy, pCtr, pCvr) = PlantedEsmm(seed: 2, n: 6000);
        using var validation = validationBatch;
        var clicked = Enumerable.Range(0, click.Length).Where(r => click[r] == 1).ToArray();
        double bayesCtr = RocAuc.Compute(click, pCtr);
        double bayesCvr = RocAuc.Compute(clicked.Select(r => buy[r]).ToArray(), clicked.Select(r => pCvr[r]).ToArray());
        using var network = new EsmmLogisticNetwork(TestSchemas.Planted(esmm: true));

        var result = new Trainer(network, Fast with { EarlyStopping = new EarlyStoppingOptions(Patience: 6) }).Fit(train, validation);

        Assert.Equal("ctcvr_auc", result.Monitor);
        var last = result.History[^1].Validation;
        Assert.True(Math.Abs(last["ctr_auc"] - bayesCtr) < 0.01, $"CTR AUC {last["ctr_auc"]:F4} vs Bayes {bayesCtr:F4}");
        Assert.True(Math.Abs(last["cvr_auc"] - bayesCvr) < 0.01, $"CVR AUC on clicked rows {last["cvr_auc"]:F4} vs Bayes {bayesCvr:F4}");
        Assert.True(last["ctcvr_auc"] > 0.75, $"CTCVR AUC {last["ctcvr_auc"]:F4}");
    }

    [Fact]
    public void Same_seed_gives_bitwise_identical_weights_and_another_seed_does_not()
    {
        var data = PlantedData.Logistic(seed: 3, n: 1500);
        using var train = data.ToBatch();
        var options = Fast with { Epochs = 3, BatchSize = 100, MaxGradientNorm = 0.5 };

        Dictionary<string, byte[]> TrainWith(TrainerOptions o)
        {
            using var network = new LogisticNetwork(TestSchemas.Planted());
            new Trainer(network, o).Fit(train);
            return Weights.Bytes(network);
        }

        var first = TrainWith(options);
        var second = TrainWith(options);
        var otherSeed = TrainWith(options with { Seed = 8 });

        Weights.AssertBitwiseEqual(first, second);
        Assert.False(Weights.BitwiseEqual(first, otherSeed), "the seed should change the row order and so the weights");
    }

    [Fact]
    public void Progress_is_reported_per_step_and_per_epoch_with_the_history()
    {
        var data = PlantedData.Logistic(seed: 4, n: 1000);
        using var train = data.ToBatch();
        using var validation = PlantedData.Logistic(seed: 5, n: 500).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var progress = new RecordingProgress<TrainingProgress>();

        var result = new Trainer(network, Fast with { Epochs = 2, BatchSize = 300 }).Fit(train, validation, progress);

        // 1000 rows / 300 = 4 steps (the last one has 100 rows), plus one end-of-epoch report, per epoch.
        Assert.Equal(2 * (4 + 1), progress.Reports.Count);
        Assert.Equal([1, 2, 3, 4], progress.Reports.Take(4).Select(r => r.Batch));
        Assert.All(progress.Reports.Take(4), r => Assert.Null(r.Completed));
        var ends = progress.Reports.Where(r => r.Completed is not null).ToArray();
        Assert.Equal([1, 2], ends.Select(r => r.Epoch));
        Assert.Equal(result.History, ends.Select(r => r.Completed!));
        Assert.All(result.History, h =>
        {
            Assert.Equal(0.05, h.LearningRate);
            Assert.True(h.Seconds > 0);
            Assert.Equal(["auc", "logloss", "loss"], h.Validation.Keys.Order());
        });
    }

    [Fact]
    public void Monitoring_a_metric_the_validation_data_cannot_give_fails_before_training()
    {
        using var train = PlantedData.Logistic(seed: 6, n: 100).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var options = Fast with { Monitor = "gauc", EarlyStopping = new EarlyStoppingOptions() };

        var noGroups = Assert.Throws<ArgumentException>(() => new Trainer(network, options).Fit(train, train));
        Assert.Contains("Cannot monitor 'gauc'", noGroups.Message);

        var noValidation = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast with { EarlyStopping = new() }).Fit(train));
        Assert.Contains("pass validation data", noValidation.Message);

        var unknown = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast with { Monitor = "accuracy" }).Fit(train, train));
        Assert.Equal("Cannot monitor 'accuracy': evaluating this SingleTask network on this validation data gives auc, logloss, loss. (Parameter 'validation')", unknown.Message);
    }

    [Theory]
    [InlineData("AUC", " Did you mean 'auc'?")]
    [InlineData("val_auc", " Did you mean 'auc'?")]
    [InlineData(" LogLoss ", " Did you mean 'logloss'?")]
    [InlineData("gauc", " gauc needs groups: mark one member of the record [Group]")]
    [InlineData("cvr_auc", " 'cvr_auc' is reported for ESMM networks only.")]
    public void A_near_miss_monitor_name_says_what_to_write(string monitor, string hint)
    {
        using var train = PlantedData.Logistic(seed: 6, n: 100).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast with { Monitor = monitor }).Fit(train, train));

        Assert.StartsWith($"Cannot monitor '{monitor}': evaluating this SingleTask network on this validation data gives auc, logloss, loss.{hint}", e.Message);
    }

    [Fact]
    public void A_batch_with_another_declarations_columns_is_refused_by_name_before_training_or_evaluating()
    {
        // As if collated for another record: one dense column short, and a sequence the declaration does not have.
        using var network = new LogisticNetwork(TestSchemas.Planted());
        using var good = PlantedData.Logistic(seed: 1, n: 32).ToBatch();
        using var other = new FeatureBatch(32, good.SparseRows.clone(), good.Dense.narrow(1, 0, 3).clone(),
            [zeros(32, 5, dtype: ScalarType.Int64)], label: good.Label!.clone());
        var before = Weights.Bytes(network);

        var train = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast).Fit(other));
        var validation = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast).Fit(good, other));
        var evaluation = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(network, other));

        Assert.Equal("The training data does not have the columns of 'Tests.Planted': it has 1 sparse and 3 dense columns and " +
            "1 sequence(s) of length 5; 'Tests.Planted' declares 1 sparse (item) and 4 dense (x0, x1, x2, x3) features and no sequences. " +
            "Collate it with this model's collator (model.CreateCollator()). (Parameter 'train')", train.Message);
        Assert.Equal("validation", validation.ParamName);
        Assert.StartsWith("The validation data does not have the columns of 'Tests.Planted'", validation.Message);
        Assert.StartsWith("The evaluation data does not have the columns of 'Tests.Planted'", evaluation.Message);
        Weights.AssertBitwiseEqual(before, Weights.Bytes(network));
    }

    [Fact]
    public void A_batch_collated_for_another_record_with_the_same_columns_is_refused_by_record_name()
    {
        using var network = new LogisticNetwork(TestSchemas.Planted());
        using var other = PlantedData.Logistic(seed: 1, n: 32).ToBatch();
        other.RecordName = "Shop.OtherRecord"; // what another record's collator stamps; widths alone would pass

        var error = Assert.Throws<ArgumentException>(() => new Trainer(network, Fast).Fit(other));

        Assert.Equal("The training data was collated for 'Shop.OtherRecord', but this network is for 'Tests.Planted'. " +
            "Collate it with this model's collator (model.CreateCollator()). (Parameter 'train')", error.Message);
        using var sameRecord = PlantedData.Logistic(seed: 1, n: 32).ToBatch();
        sameRecord.RecordName = "Tests.Planted";
        new Trainer(network, Fast with { Epochs = 1 }).Fit(sameRecord);
    }

    [Fact]
    public void Out_of_range_options_are_rejected()
    {
        using var network = new LogisticNetwork(TestSchemas.Planted());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { LearningRate = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { LearningRate = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { LearningRate = double.PositiveInfinity }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { WeightDecay = double.PositiveInfinity }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { MaxGradientNorm = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, Fast with { ReduceLrOnPlateau = new(Factor: 1.5) }));
    }
}
