using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>Training on blocks read anew every epoch (rows that do not fit in memory): each block shuffled and cut
/// into steps on its own, in the source's order, owned and disposed by the trainer.</summary>
public sealed class StreamedTrainingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-streamed-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    /// <summary>Consecutive rows of <paramref name="all"/> as new batches of the given sizes.</summary>
    private static IEnumerable<FeatureBatch> Blocks(FeatureBatch all, params int[] sizes)
    {
        int start = 0;
        foreach (var size in sizes)
        {
            using var rows = arange(start, start + size, ScalarType.Int64);
            yield return all.Select(rows);
            start += size;
        }
    }

    private static readonly TrainerOptions Options = new()
    {
        LearningRate = 0.1, BatchSize = 16, Epochs = 5, Seed = 3, Monitor = "loss", MaxGradientNorm = 1.0,
        EarlyStopping = new EarlyStoppingOptions(Patience: 5), ReduceLrOnPlateau = new ReduceLrOnPlateauOptions(0.5, 2, 1e-4),
    };

    [Fact]
    public void One_block_holding_every_row_trains_bitwise_as_the_resident_fit()
    {
        using var train = PlantedData.Logistic(seed: 11, n: 70).ToBatch();
        using var validation = PlantedData.Logistic(seed: 12, n: 500).ToBatch();

        using var resident = new LogisticNetwork(TestSchemas.Planted());
        var expected = new Trainer(resident, Options).Fit(train, validation);
        using var streamed = new LogisticNetwork(TestSchemas.Planted());
        var actual = new Trainer(streamed, Options).Fit(() => Blocks(train, 70), validation);

        Assert.Equal(expected.History.Select(h => (h.TrainLoss, h.LearningRate)), actual.History.Select(h => (h.TrainLoss, h.LearningRate)));
        Assert.Equal(expected.History.Select(h => h.Validation["loss"]), actual.History.Select(h => h.Validation["loss"]));
        Weights.AssertBitwiseEqual(Weights.Bytes(resident), Weights.Bytes(streamed));
    }

    /// <summary>Dense column 0 of a row is its index; the network records the indices of every step.</summary>
    private sealed class RowRecordingNetwork : RecNetwork
    {
        private readonly Parameter weight;
        private readonly Parameter bias;

        public RowRecordingNetwork(FeatureSchema schema) : base(nameof(RowRecordingNetwork), schema)
        {
            weight = nn.Parameter(zeros(schema.Dense.Count));
            bias = nn.Parameter(zeros(1));
            RegisterComponents();
        }

        public List<int[]> Steps { get; } = new();

        public override TaskKind Task => TaskKind.SingleTask;

        public override Tensor forward(FeatureBatch batch)
        {
            if (training) Steps.Add(batch.Dense.select(1, 0).data<float>().Select(v => (int)v).ToArray());
            using var scope = NewDisposeScope();
            return (batch.Dense.matmul(weight) + bias).MoveToOuterDisposeScope();
        }

        public override Tensor Loss(Tensor output, FeatureBatch batch) => nn.functional.binary_cross_entropy_with_logits(output, batch.Label!);

        public override Tensor Probabilities(Tensor output) => output.sigmoid();
    }

    private static FeatureBatch Indexed(int n) => new(n,
        zeros(n, 1, dtype: ScalarType.Int64) + EmbeddingRows.Reserved,
        arange(n, dtype: ScalarType.Float32).reshape(n, 1),
        [],
        label: tensor(Enumerable.Range(0, n).Select(i => (float)(i % 2)).ToArray()));

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // the default
    [InlineData(2)]
    public void Every_epoch_trains_each_row_once_block_by_block_in_the_sources_order_each_block_shuffled_apart(int readAhead)
    {
        int[] sizes = { 25, 25, 10 };
        using var all = Indexed(60);
        using var network = new RowRecordingNetwork(TestSchemas.Planted(dense: 1));
        var made = new List<FeatureBatch>();
        int calls = 0, mostAlive = 0, madeCount = 0, trainingThread = Environment.CurrentManagedThreadId;
        var readers = new HashSet<int>();
        IEnumerable<FeatureBatch> Source()
        {
            calls++;
            readers.Add(Environment.CurrentManagedThreadId);
            foreach (var block in Blocks(all, sizes))
            {
                // The blocks before that are still alive: the one training and those read ahead.
                mostAlive = Math.Max(mostAlive, made.Count(b => !b.Dense.IsInvalid));
                made.Add(block);
                Interlocked.Increment(ref madeCount);
                yield return block;
            }
        }
        var progress = new List<TrainingProgress>();

        // The first step waits until the blocks ahead are read, so that the reading overlaps it for certain.
        var reports = new InlineProgress(p =>
        {
            progress.Add(p);
            if (p is { Epoch: 1, Batch: 1 }) SpinWait.SpinUntil(() => Volatile.Read(ref madeCount) >= 1 + readAhead, TimeSpan.FromSeconds(10));
        });

        new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 8, Seed = 5, LearningRate = 0.01, BlocksReadAhead = readAhead })
            .Fit(Source, progress: reports);

        Assert.Equal(readAhead, mostAlive); // never more than the block training and readAhead blocks ahead of it
        Assert.Equal(readAhead > 0, !readers.Contains(trainingThread)); // read ahead on a background thread

        Assert.Equal(2, calls);
        int stepsPerEpoch = sizes.Sum(s => (s + 7) / 8); // 4 + 4 + 2: no step spans two blocks
        Assert.Equal(2 * stepsPerEpoch, network.Steps.Count);
        var orders = new List<int[]>(); // per epoch and block, the rows in the order trained
        for (int epoch = 0; epoch < 2; epoch++)
        {
            int step = epoch * stepsPerEpoch, first = 0;
            foreach (var size in sizes)
            {
                var rows = new List<int>();
                for (int taken = 0; taken < size; step++)
                {
                    var stepRows = network.Steps[step];
                    Assert.True(stepRows.Length == Math.Min(8, size - taken), $"epoch {epoch + 1}, step {step}: {stepRows.Length} rows");
                    rows.AddRange(stepRows);
                    taken += stepRows.Length;
                }
                Assert.Equal(Enumerable.Range(first, size), rows.Order()); // the block's rows, each once
                orders.Add(rows.Select(r => r - first).ToArray());
                first += size;
            }
        }
        // Shuffled: not in file order, block 0 and block 1 (same size) in different orders, and each epoch anew.
        Assert.NotEqual(Enumerable.Range(0, 25), orders[0]);
        Assert.NotEqual(orders[0], orders[1]);
        Assert.NotEqual(orders[0], orders[3]);
        // The trainer disposed every block it was given.
        Assert.Equal(6, made.Count);
        Assert.All(made, block => Assert.True(block.SparseRows.IsInvalid && block.Dense.IsInvalid && block.Label!.IsInvalid));
        // Step counts: unknown during the first epoch, known from the second.
        Assert.All(progress.Where(p => p.Epoch == 1 && p.Completed is null), p => Assert.Equal(0, p.Batches));
        Assert.All(progress.Where(p => p.Epoch == 2 || p.Completed is not null), p => Assert.Equal(stepsPerEpoch, p.Batches));
        Assert.Equal(Enumerable.Range(1, stepsPerEpoch), progress.Where(p => p.Epoch == 1 && p.Completed is null).Select(p => p.Batch));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.LazyAdam)]
    public void Resuming_a_streamed_run_gives_bitwise_the_weights_and_history_of_an_uninterrupted_one(OptimizerKind optimizer)
    {
        using var train = PlantedData.Logistic(seed: 21, n: 90).ToBatch();
        using var validation = PlantedData.Logistic(seed: 22, n: 400).ToBatch();
        var options = Options with { Optimizer = optimizer };
        IEnumerable<FeatureBatch> Source() => Blocks(train, 40, 35, 15);

        using var uninterrupted = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        var full = new Trainer(uninterrupted, options).Fit(Source, validation);
        using var interrupted = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        new Trainer(interrupted, options with { Epochs = 2, CheckpointPath = PathOf("after2.ckpt") }).Fit(Source, validation);
        using var resumedNetwork = new EmbeddingLogisticNetwork(TestSchemas.Planted());
        var resumed = new Trainer(resumedNetwork, options).Resume(PathOf("after2.ckpt"), Source, validation);

        Assert.Equal(full.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
        Assert.Equal(full.History.Select(h => h.Validation["loss"]), resumed.History.Select(h => h.Validation["loss"]));
        Weights.AssertBitwiseEqual(Weights.Bytes(uninterrupted), Weights.Bytes(resumedNetwork));
        // And it learnt: the streamed run beats the untrained network's validation loss, ln 2.
        Assert.True(full.History[^1].Validation["loss"] < Math.Log(2) - 0.02, $"validation loss {full.History[^1].Validation["loss"]}");
    }

    [Fact]
    public void The_epoch_loss_is_the_row_weighted_mean_over_every_block()
    {
        // The planted weights and a learning rate too small to move them: every row's loss is known in closed form,
        // and the epoch's loss is their mean (a mean of step means would weigh the 1-row steps as much as the others).
        var data = PlantedData.Logistic(seed: 31, n: 41);
        using var train = data.ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        using (no_grad())
        {
            var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters["weight"].copy_(tensor(PlantedData.TrueWeights.Select(w => (float)w).ToArray()));
            parameters["bias"].fill_(PlantedData.TrueBias);
        }
        double expected = 0;
        for (int r = 0; r < data.Count; r++)
        {
            double logit = PlantedData.TrueBias;
            for (int d = 0; d < TestSchemas.Dense; d++) logit += PlantedData.TrueWeights[d] * data.Dense[r * TestSchemas.Dense + d];
            expected += (Math.Log(1 + Math.Exp(logit)) - data.Labels[r] * logit) / data.Count;
        }

        var result = new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 16, LearningRate = 1e-12 })
            .Fit(() => Blocks(train, 17, 17, 7));

        Assert.Equal(expected, result.History[0].TrainLoss, 1e-6);
    }

    [Fact]
    public void An_epoch_without_rows_and_a_block_of_another_layout_are_refused_naming_the_block()
    {
        using var train = PlantedData.Logistic(seed: 41, n: 30).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var trainer = new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 8 });

        var empty = Assert.Throws<ArgumentException>(() => trainer.Fit(() => Array.Empty<FeatureBatch>()));
        Assert.StartsWith("The training blocks of epoch 1 had no rows.", empty.Message);

        using var unlabelled = new FeatureBatch(5, zeros(5, 1, dtype: ScalarType.Int64), zeros(5, TestSchemas.Dense), []);
        var noLabel = Assert.Throws<ArgumentException>(() => trainer.Fit(() => Blocks(train, 20).Append(unlabelled)));
        Assert.Equal("trainBlocks", noLabel.ParamName);
        Assert.Equal("A single-task network needs Label in the training block 1 of epoch 1. (Parameter 'trainBlocks')", noLabel.Message);

        var narrow = new FeatureBatch(5, zeros(5, 1, dtype: ScalarType.Int64), zeros(5, 2), [], label: zeros(5));
        var wrong = Assert.Throws<ArgumentException>(() => trainer.Fit(() => Blocks(train, 20, 10).Append(narrow)));
        Assert.Contains("training block 2 of epoch 1 does not have the columns of 'Tests.Planted'", wrong.Message);
        Assert.True(narrow.Dense.IsInvalid, "the refused block was disposed too");
    }

    [Fact]
    public void A_source_that_fails_while_read_ahead_fails_the_fit_with_its_own_exception_after_the_blocks_before()
    {
        using var train = PlantedData.Logistic(seed: 61, n: 40).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var steps = new List<TrainingProgress>();
        IEnumerable<FeatureBatch> Source()
        {
            foreach (var block in Blocks(train, 16, 16)) yield return block;
            throw new FormatException("line 33: not a number");
        }

        var error = Assert.Throws<FormatException>(() =>
            new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 8, BlocksReadAhead = 2 }).Fit(Source, progress: new InlineProgress(steps.Add)));
        Assert.Equal("line 33: not a number", error.Message);
        Assert.Equal(4, steps.Count); // both blocks trained first
    }

    [Fact]
    public void A_cancelled_run_stops_the_reading_thread_and_disposes_the_blocks_it_read_ahead()
    {
        using var train = PlantedData.Logistic(seed: 62, n: 64).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        using var cancel = new CancellationTokenSource();
        var made = new List<FeatureBatch>();
        bool sourceClosed = false;
        IEnumerable<FeatureBatch> Source()
        {
            try
            {
                foreach (var block in Blocks(train, 16, 16, 16, 16)) { lock (made) made.Add(block); yield return block; }
            }
            finally
            {
                sourceClosed = true; // a file would close here
            }
        }
        var reports = new InlineProgress(p =>
        {
            if (p.Batch != 1) return;
            SpinWait.SpinUntil(() => { lock (made) return made.Count >= 3; }, TimeSpan.FromSeconds(10)); // two blocks read ahead
            cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 8, BlocksReadAhead = 2 }).Fit(Source, progress: reports, cancellationToken: cancel.Token));
        Assert.True(sourceClosed, "the source's enumerator was not disposed");
        lock (made)
        {
            Assert.Equal(3, made.Count); // nothing read after the stop
            Assert.All(made, block => Assert.True(block.Dense.IsInvalid, "a block read ahead was left alive"));
        }
    }

    [Fact]
    public void Blocks_handed_out_again_in_a_later_epoch_are_refused_saying_the_source_must_make_new_ones()
    {
        using var train = PlantedData.Logistic(seed: 51, n: 30).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());
        var kept = Blocks(train, 15, 15).ToArray();
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 8 }).Fit(() => kept));
        Assert.StartsWith("Training block 0 of epoch 2 is disposed: the trainer disposes every block", error.Message);
    }

    [Fact]
    public void With_batchnorm_a_one_row_block_is_refused_naming_it()
    {
        var schema = new SchemaBuilder().Sparse("U", 5, 4, FeatureRoles.FmField | FeatureRoles.Deep)
            .Sparse("I", 7, 4, FeatureRoles.FmField | FeatureRoles.Deep).Dense("P", FeatureRoles.FmField | FeatureRoles.Deep).Build();
        using var network = new DeepFmNetwork(schema, new DeepFmOptions { Hidden = new[] { 5 }, BatchNorm = true });
        using var all = new RecDsl.Tests.Models.Synthetic(schema, 9, 7).Batch(label: Enumerable.Range(0, 9).Select(i => (float)(i % 2)).ToArray());

        var error = Assert.Throws<ArgumentException>(() =>
            new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 4 }).Fit(() => Blocks(all, 8, 1)));
        Assert.StartsWith("Training block 1 of epoch 1 has 1 row, but this network has BatchNorm", error.Message);
    }
}
