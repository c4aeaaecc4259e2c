using System.Diagnostics;
using RecDsl.Backend;
using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// Trains any <see cref="RecNetwork"/> on resident data: the whole training set collated into one
/// <see cref="FeatureBatch"/> on the training device, batches cut by a seeded permutation and
/// <c>index_select</c> (no DataLoader), the loss summed on the device and read once per epoch. Rows that do not fit
/// in memory are streamed instead: blocks read anew every epoch, each shuffled and cut the same way
/// (<see cref="Fit(Func{IEnumerable{FeatureBatch}}, FeatureBatch?, IProgress{TrainingProgress}?, CancellationToken)"/>).
/// </summary>
/// <remarks>
/// Each epoch: reseed torch's RNG and shuffle from (seed, epoch); one optimizer step per batch (with optional
/// global-norm clipping); evaluate on the validation data; update the monitor, cut the learning rate on a
/// plateau, decide on early stopping; write the checkpoint. The network is moved to the training device and
/// stays there. Training batches carry no <see cref="FeatureBatch.Groups"/> (only metrics read them).
/// For the run, every <see cref="EmbeddingTable"/> of the network gets sparse gradients when the optimizer is
/// <see cref="OptimizerKind.LazyAdam"/> and dense ones otherwise; their previous mode is restored at the end.
/// </remarks>
public sealed class Trainer
{
    private readonly RecNetwork network;
    private readonly TrainerOptions options;
    private readonly bool usesBatchNorm; // a 1-row step would make BatchNorm's running variance NaN (EpochBatches)

    /// <summary>Creates a trainer for <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Trainer(RecNetwork network, TrainerOptions options)
    {
        TorchBackend.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.network = network;
        this.options = options;
        usesBatchNorm = network.modules().OfType<BatchNorm1d>().Any();
    }

    /// <summary>Trains from the network's current weights for <see cref="TrainerOptions.Epochs"/> epochs.</summary>
    /// <param name="train">All training rows, with the labels the network's task needs.</param>
    /// <param name="validation">Rows scored after every epoch; required for early stopping and reduce-on-plateau.</param>
    /// <param name="progress">Receives a report per step and per epoch.</param>
    /// <param name="cancellationToken">Checked between steps; the last checkpoint stays valid.</param>
    /// <exception cref="ArgumentException">Missing labels, no rows, a batch collated for another record or with other
    /// columns than the network's declaration, or a monitor that the validation data cannot
    /// produce or that is undefined on it (an AUC over one class) while early stopping or reduce-on-plateau needs it.</exception>
    /// <exception cref="RecDslBackendException">The device is not available.</exception>
    /// <exception cref="TrainingDivergedException">An epoch's mean training loss is NaN or infinite.</exception>
    public TrainingResult Fit(FeatureBatch train, FeatureBatch? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(Resident(train), validation, checkpointPath: null, progress, cancellationToken);

    /// <summary>Trains on rows that need not fit in memory: every epoch calls <paramref name="trainBlocks"/> and
    /// trains on the blocks it yields, one at a time, in their order; each block's rows are shuffled from (seed,
    /// epoch, block) and cut into steps as <see cref="Fit(FeatureBatch, FeatureBatch?, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// cuts the whole set, and the block is disposed once trained on. Rows are not mixed across blocks, so a file
    /// sorted by user or time wants shuffling on disk first (or large blocks). One block that holds every row trains
    /// exactly as that Fit does.</summary>
    /// <param name="trainBlocks">Called once per epoch: the epoch's blocks, for example
    /// <c>() =&gt; collator.CollateBlocks(reader.Open(path), 1_000_000)</c>. It must yield the
    /// same rows in the same order every epoch for a run to be reproducible and resumable.</param>
    /// <param name="validation">Rows scored after every epoch (resident).</param>
    /// <param name="progress">Receives a report per step and per epoch; <see cref="TrainingProgress.Batches"/> is 0
    /// until an epoch has counted its steps.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <exception cref="ArgumentException">A block is collated for another record or lacks a label (named by its
    /// index and epoch), an epoch has no rows, or a 1-row block meets BatchNorm; the other cases of
    /// <see cref="Fit(FeatureBatch, FeatureBatch?, IProgress{TrainingProgress}?, CancellationToken)"/>.</exception>
    public TrainingResult Fit(Func<IEnumerable<FeatureBatch>> trainBlocks, FeatureBatch? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(Streamed(trainBlocks), validation, checkpointPath: null, progress, cancellationToken);

    /// <summary>Continues the run saved in <paramref name="checkpointPath"/>: loads weights, optimizer state,
    /// learning rate, monitor state and history, then trains epochs checkpoint + 1 to
    /// <see cref="TrainerOptions.Epochs"/>. With the same data and options on the CPU the final weights are
    /// bitwise those of an uninterrupted run.</summary>
    /// <exception cref="CheckpointException">The file is missing, truncated or corrupt, belongs to another
    /// declaration (the message lists what changed) or to another optimizer, batch size, seed or monitored metric, or
    /// holds more epochs than <see cref="TrainerOptions.Epochs"/> (a checkpoint of exactly that many returns its run
    /// without training). Each is refused before the network's weights are touched.</exception>
    public TrainingResult Resume(string checkpointPath, FeatureBatch train, FeatureBatch? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpointPath);
        return Run(Resident(train), validation, checkpointPath, progress, cancellationToken);
    }

    /// <summary>Continues a streamed run saved in <paramref name="checkpointPath"/>, as
    /// <see cref="Resume(string, FeatureBatch, FeatureBatch?, IProgress{TrainingProgress}?, CancellationToken)"/> does
    /// a resident one; with the same blocks the final weights are bitwise those of an uninterrupted run (CPU).</summary>
    public TrainingResult Resume(string checkpointPath, Func<IEnumerable<FeatureBatch>> trainBlocks, FeatureBatch? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpointPath);
        return Run(Streamed(trainBlocks), validation, checkpointPath, progress, cancellationToken);
    }

    private ResidentRows Resident(FeatureBatch train)
    {
        ArgumentNullException.ThrowIfNull(train);
        BatchLayout.Require(network, train, nameof(train), "training data");
        // Zero rows is an upstream mistake (a filter or a reader that kept nothing), not a run that learns nothing.
        if (train.Count == 0) throw new ArgumentException("The training data has no rows.", nameof(train));
        var batches = new EpochBatches(train.Count, options.BatchSize, MergeSingleLeftover: usesBatchNorm);
        if (usesBatchNorm)
        {
            RequireBatchSizeOfTwoForBatchNorm();
            if (train.Count < 2)
                throw new ArgumentException(
                    "The training data has 1 row, but this network has BatchNorm, which needs at least 2 rows per training step.", nameof(train));
        }
        return new ResidentRows(train) { StepsPerEpoch = batches.Count };
    }

    private StreamedRows Streamed(Func<IEnumerable<FeatureBatch>> trainBlocks)
    {
        ArgumentNullException.ThrowIfNull(trainBlocks);
        if (usesBatchNorm) RequireBatchSizeOfTwoForBatchNorm();
        return new StreamedRows(trainBlocks, options.BlocksReadAhead, (block, index, epoch) =>
        {
            BatchLayout.Require(network, block, nameof(trainBlocks), $"training block {index} of epoch {epoch}");
            if (usesBatchNorm && block.Count == 1)
                throw new ArgumentException(
                    $"Training block {index} of epoch {epoch} has 1 row, but this network has BatchNorm, which needs at least 2 rows per training step. " +
                    "A last block of 1 row means the file has one row more than a multiple of the block size: use another block size.", nameof(trainBlocks));
        });
    }

    private TrainingResult Run(TrainingRows train, FeatureBatch? validation, string? checkpointPath,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        using var ownedRows = train; // disposes the device copy of resident rows
        if (validation is not null)
        {
            BatchLayout.Require(network, validation, nameof(validation), "validation data");
            if (validation.Count == 0)
                throw new ArgumentException("The validation data has no rows; pass null to train without validation.", nameof(validation));
        }
        var monitor = CreateMonitor(validation);
        var device = DeviceSelection.Resolve(options.Device);
        var optimizerKind = options.Optimizer ?? DeviceDefaults.Optimizer(device.type);
        network.to(device);
        var decays = WeightDecays(network, options);
        var parameters = decays.Select(p => p.Weight).ToList();
        using var optimizer = TrainingOptimizer.Create(optimizerKind, decays, options.LearningRate);
        var history = new List<EpochRecord>();
        double learningRate = options.LearningRate;
        int epochsDone = 0;
        bool stoppedEarly = false;
        int? checkpointEpoch = null; // what options.CheckpointPath holds, as far as this run knows
        var bestWeights = (List<(string Name, Tensor Tensor)>?)null;
        bool keepBest = options.EarlyStopping?.RestoreBestWeights == true && monitor is not null;
        train.Prepare(device);
        var validationOnDevice = validation?.To(device);
        var tables = network.modules().OfType<EmbeddingTable>().ToArray();
        var previousModes = tables.Select(t => t.SparseGradients).ToArray();
        foreach (var table in tables) table.SparseGradients = optimizerKind == OptimizerKind.LazyAdam;
        try
        {
            if (checkpointPath is not null)
            {
                using (var saved = ReadCheckpoint(checkpointPath, optimizerKind, monitor))
                {
                    Restore(saved, checkpointPath, optimizer, monitor, history);
                    bestWeights = keepBest && saved.HasBestWeights ? CheckpointFile.Parsed(checkpointPath, PayloadKind.Training, () => saved.ReadBestWeights(network.state_dict())) : null;
                    learningRate = saved.LearningRate;
                    epochsDone = saved.EpochsDone;
                    stoppedEarly = saved.StoppedEarly;
                }
                if (options.CheckpointPath is not null && SameFile(options.CheckpointPath, checkpointPath)) checkpointEpoch = epochsDone;
            }
            optimizer.SetLearningRate(learningRate);

            for (int epoch = epochsDone + 1; epoch <= options.Epochs && !stoppedEarly; epoch++)
            {
                var watch = Stopwatch.StartNew();
                double trainLoss = TrainOneEpoch(train, epoch, device, parameters, optimizer, progress, cancellationToken);
                // Read once per epoch anyway; NaN weights would otherwise train on silently (and fail in a metric).
                if (!double.IsFinite(trainLoss)) throw new TrainingDivergedException(epoch, trainLoss, learningRate, options.CheckpointPath, checkpointEpoch);
                var metrics = validationOnDevice is null
                    ? new Dictionary<string, double>()
                    : Evaluator.Evaluate(network, validationOnDevice, options.EvaluationBatchSize);
                var record = new EpochRecord(epoch, trainLoss, metrics, learningRate, watch.Elapsed.TotalSeconds);
                history.Add(record);

                if (monitor is not null)
                {
                    if (monitor.Observe(epoch, metrics[monitor.Metric]) && keepBest)
                    {
                        DisposeAll(bestWeights);
                        bestWeights = Snapshot(network);
                    }
                    learningRate = CutOnPlateau(monitor, learningRate, optimizer);
                    stoppedEarly = options.EarlyStopping is { } es && monitor.EpochsWithoutImprovement >= es.Patience && epoch < options.Epochs;
                }
                epochsDone = epoch;
                if (options.CheckpointPath is not null)
                {
                    WriteCheckpoint(options.CheckpointPath, optimizerKind, epochsDone, learningRate, stoppedEarly, monitor, history, bestWeights, optimizer);
                    checkpointEpoch = epochsDone;
                }
                progress?.Report(new TrainingProgress(epoch, options.Epochs, train.StepsPerEpoch, train.StepsPerEpoch, record));
            }

            bool restored = bestWeights is not null;
            if (restored && monitor!.BestEpoch != epochsDone)
            {
                // Under the lock, like a step: a Predict on another thread sees the last weights or the best, not a mix.
                lock (network.ModeLock) TensorFormat.CopyInto(network.state_dict(), bestWeights!, "best weights");
            }
            return new TrainingResult(history, monitor?.Metric, monitor?.BestEpoch ?? 0, monitor?.Best ?? double.NaN,
                stoppedEarly, restored, learningRate);
        }
        finally
        {
            for (int t = 0; t < tables.Length; t++) tables[t].SparseGradients = previousModes[t];
            DisposeAll(bestWeights);
            if (validationOnDevice is not null && !ReferenceEquals(validationOnDevice, validation)) validationOnDevice.Dispose();
        }
    }

    // Every parameter with its decay: the embedding tables' weights (feature embeddings and the per-id scalar weights
    // of the wide part and the FM first order) EmbeddingWeightDecay, the rest WeightDecay; in the network's order.
    private static List<(Parameter Weight, double WeightDecay)> WeightDecays(RecNetwork network, TrainerOptions options)
    {
        double embeddings = options.EmbeddingWeightDecay ?? options.WeightDecay;
        var tables = network.named_modules().Where(m => m.module is EmbeddingTable).Select(m => m.name + ".").ToArray();
        return network.named_parameters()
            .Select(p => (p.parameter, tables.Any(t => p.name.StartsWith(t, StringComparison.Ordinal)) ? embeddings : options.WeightDecay))
            .ToList();
    }

    private double TrainOneEpoch(TrainingRows data, int epoch, Device device, IReadOnlyList<Parameter> parameters,
        TrainingOptimizer optimizer, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        torch.manual_seed(EpochOrder.TorchSeed(options.Seed, epoch));
        if (device.type == DeviceType.CUDA) cuda.manual_seed_all(EpochOrder.TorchSeed(options.Seed, epoch));

        using var epochScope = NewDisposeScope();
        var lossSum = zeros(1, ScalarType.Float64, device);
        long rows = 0;
        int steps = 0, blockIndex = 0;
        foreach (var block in data.Blocks(epoch))
        {
            var batches = new EpochBatches(block.Count, options.BatchSize, MergeSingleLeftover: usesBatchNorm);
            using var order = tensor(EpochOrder.Permutation(options.Seed, epoch, block.Count, blockIndex++), ScalarType.Int64, device);
            for (int b = 0; b < batches.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The mode is set inside the lock, step by step: a Predict on another thread switches it to eval for a
                // while, and setting it out here would switch it back under that prediction's forward.
                lock (network.ModeLock)
                using (var stepScope = NewDisposeScope())
                {
                    network.train();
                    var (start, length) = batches[b];
                    using var batch = block.SelectRows(order.narrow(0, start, length), groups: null);
                    var output = network.call(batch);
                    var loss = network.Loss(output, batch);
                    optimizer.ZeroGrad();
                    loss.backward();
                    if (options.MaxGradientNorm is { } maxNorm) GradientClipping.ClipByNorm(parameters, maxNorm)?.Dispose();
                    optimizer.Step();
                    using (var n = ((double)length).ToScalar()) lossSum.add_(loss.detach(), alpha: n); // stays on the device: no sync per step
                }
                progress?.Report(new TrainingProgress(epoch, options.Epochs, ++steps, data.StepsPerEpoch, null));
            }
            rows += block.Count;
        }
        // Resident rows were checked up front; streamed ones can come up empty in any epoch.
        if (rows == 0) throw new ArgumentException($"The training blocks of epoch {epoch} had no rows.", "trainBlocks");
        data.StepsPerEpoch = steps;
        return lossSum.cpu().item<double>() / rows;
    }

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    // With BatchNorm a 1-row step cannot be merged away when every step has 1 row.
    private void RequireBatchSizeOfTwoForBatchNorm()
    {
        if (options.BatchSize < 2)
            throw new ArgumentException(
                "BatchSize is 1, but this network has BatchNorm, which needs at least 2 rows per training step (the " +
                "variance of one row is 0 and its running variance would become NaN). Use a larger BatchSize or turn BatchNorm off.");
    }

    private MonitorState? CreateMonitor(FeatureBatch? validation)
    {
        bool needsMonitor = options.EarlyStopping is not null || options.ReduceLrOnPlateau is not null;
        var metric = options.Monitor ?? (network.Task == TaskKind.Esmm ? MetricNames.CtcvrAuc : MetricNames.Auc);
        if (validation is null)
        {
            if (needsMonitor)
                throw new ArgumentException($"Early stopping and reduce-on-plateau watch the validation metric '{metric}'; pass validation data.", nameof(validation));
            return null;
        }
        var available = MetricNames.For(network.Task, validation.Groups is not null);
        if (!available.Contains(metric))
            throw new ArgumentException(
                $"Cannot monitor '{metric}': evaluating this {network.Task} network on this validation data gives {string.Join(", ", available)}."
                + MetricNames.Hint(metric, network.Task, available), nameof(validation));
        // A NaN never improves: early stopping would stop after its patience and restore nothing, silently.
        if (needsMonitor && Evaluator.UndefinedWhateverThePredictions(network.Task, validation).Contains(metric))
            throw new ArgumentException(
                $"Cannot monitor '{metric}': it is undefined on this validation data whatever the model predicts " +
                $"({Evaluator.LabelSummary(network.Task, validation)}), so early stopping and reduce-on-plateau would never see " +
                $"an improvement. Validate on rows of both classes (labels of exactly 0 and 1), or monitor '{(network.Task == TaskKind.Esmm ? MetricNames.CtcvrLogLoss : MetricNames.LogLoss)}'.",
                nameof(validation));
        return new MonitorState(metric);
    }

    private double CutOnPlateau(MonitorState monitor, double learningRate, TrainingOptimizer optimizer)
    {
        if (options.ReduceLrOnPlateau is not { } plateau || monitor.EpochsSinceImprovementOrCut < plateau.Patience)
            return learningRate;
        monitor.EpochsSinceImprovementOrCut = 0;
        var reduced = Math.Max(learningRate * plateau.Factor, plateau.MinLearningRate);
        optimizer.SetLearningRate(reduced);
        return reduced;
    }

    // What checkpoints record of the network's vocabularies ("" without any).
    private string VocabularyDigest => network.VocabulariesOfBatches?.Digest ?? "";

    // The checkpoint's embedding rows were trained for its run's tokens: resumed into a model whose vocabularies were
    // fitted again (other data, another order of equal counts), every row would continue as another token's.
    private void RequireSameVocabularies(string savedDigest, string path)
    {
        var digest = VocabularyDigest;
        if (savedDigest == digest) return;
        static string Name(string d) => d.Length == 0 ? "none" : d[..12];
        throw new CheckpointException(
            $"Checkpoint '{path}' was written by a model with other vocabularies (digest {Name(savedDigest)}, this model's {Name(digest)}), " +
            "so its embedding rows stand for other tokens. Build the model on that run's vocabularies: save them with " +
            "model.Vocabulary.Save(path) when training starts and read them back with the record's Vocabulary.Load(path).");
    }

    private TrainingCheckpoint ReadCheckpoint(string path, OptimizerKind optimizerKind, MonitorState? monitor)
    {
        TrainingCheckpoint checkpoint;
        var payload = CheckpointFile.OpenPayload(path, PayloadKind.Training);
        try
        {
            checkpoint = CheckpointFile.Parsed(path, PayloadKind.Training, () => TrainingCheckpoint.Read(payload));
        }
        catch
        {
            payload.Dispose();
            throw;
        }

        try
        {
            checkpoint.Stamp.RequireDeclaration(network.Schema, path, PayloadKind.Training);
            RequireSameVocabularies(checkpoint.VocabularyDigest, path);
            var mismatches = new List<string>();
            var networkType = DeclarationStamp.NameOf(network.GetType());
            if (checkpoint.Stamp.NetworkType != networkType) mismatches.Add($"network {checkpoint.Stamp.NetworkType} -> {networkType}");
            if (checkpoint.Optimizer != optimizerKind) mismatches.Add($"optimizer {checkpoint.Optimizer} -> {optimizerKind}");
            if (checkpoint.BatchSize != options.BatchSize) mismatches.Add($"batch size {checkpoint.BatchSize} -> {options.BatchSize}");
            if (checkpoint.Seed != options.Seed) mismatches.Add($"seed {checkpoint.Seed} -> {options.Seed}");
            // Its best value and patience counters are of the metric it monitored; they mean nothing for another.
            if (monitor is not null && checkpoint.Monitor is not null && checkpoint.Monitor != monitor.Metric)
                mismatches.Add($"monitor {checkpoint.Monitor} -> {monitor.Metric}");
            if (mismatches.Count > 0)
                throw new CheckpointException($"Checkpoint '{path}' cannot continue with these options: {string.Join("; ", mismatches)}.");
            // Returning its weights would hand back a model trained longer than these options ask for, silently.
            if (checkpoint.EpochsDone > options.Epochs)
                throw new CheckpointException($"Checkpoint '{path}' holds epoch {checkpoint.EpochsDone}, past Epochs = {options.Epochs}: "
                    + $"set Epochs to {checkpoint.EpochsDone} or more to continue it, or train from scratch with Fit for {options.Epochs}.");
            return checkpoint;
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    private void Restore(TrainingCheckpoint saved, string path, TrainingOptimizer optimizer, MonitorState? monitor, List<EpochRecord> history)
    {
        lock (network.ModeLock) CheckpointFile.Parsed(path, PayloadKind.Training, () => saved.ReadWeightsInto(network.state_dict()));
        CheckpointFile.Parsed(path, PayloadKind.Training, () => saved.ReadOptimizerState(optimizer));
        history.AddRange(saved.History);
        if (monitor is null) return;
        monitor.Best = saved.Best;
        monitor.BestEpoch = saved.BestEpoch;
        monitor.EpochsWithoutImprovement = saved.EpochsWithoutImprovement;
        monitor.EpochsSinceImprovementOrCut = saved.EpochsSinceImprovementOrCut;
    }

    private void WriteCheckpoint(string path, OptimizerKind optimizerKind, int epochsDone, double learningRate, bool stoppedEarly,
        MonitorState? monitor, IReadOnlyList<EpochRecord> history, IReadOnlyList<(string, Tensor)>? bestWeights, TrainingOptimizer optimizer)
    {
        var header = new TrainingCheckpoint
        {
            Stamp = DeclarationStamp.Of(network), VocabularyDigest = VocabularyDigest, Optimizer = optimizerKind,
            BatchSize = options.BatchSize, Seed = options.Seed, EpochsDone = epochsDone, LearningRate = learningRate,
            StoppedEarly = stoppedEarly, Monitor = monitor?.Metric, Best = monitor?.Best ?? double.NaN,
            BestEpoch = monitor?.BestEpoch ?? 0, EpochsWithoutImprovement = monitor?.EpochsWithoutImprovement ?? 0,
            EpochsSinceImprovementOrCut = monitor?.EpochsSinceImprovementOrCut ?? 0, History = history,
        };
        CheckpointFile.Write(path, PayloadKind.Training, writer => TrainingCheckpoint.Write(writer, header, network, bestWeights, optimizer));
    }

    private static List<(string Name, Tensor Tensor)> Snapshot(RecNetwork network)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return network.state_dict().Select(kv => (kv.Key, kv.Value.detach().clone().DetachFromDisposeScope())).ToList();
    }

    private static void DisposeAll(List<(string Name, Tensor Tensor)>? tensors)
    {
        foreach (var (_, t) in tensors ?? []) t.Dispose();
    }
}
