namespace RecDsl.Training;

/// <summary>The optimizers the trainer offers. The trainer puts every embedding table of the network in
/// sparse-gradient mode for <see cref="LazyAdam"/> and in dense-gradient mode for the others, for the run.</summary>
public enum OptimizerKind
{
    /// <summary>Adam; weight decay is an L2 term added to the gradient (PyTorch's Adam).</summary>
    Adam,
    /// <summary>AdamW; weight decay is decoupled from the gradient. Its weight decay defaults to 0 here too
    /// (TorchSharp's default; PyTorch's is 0.01).</summary>
    AdamW,
    /// <summary>Adagrad; weight decay is an L2 term added to the gradient.</summary>
    Adagrad,
    /// <summary>Adam with sparse embedding gradients applied row-wise: each step reads and writes only the table rows
    /// the batch looked up, with dense Adam's update on those rows (duplicate ids summed, bias correction by the
    /// global step); untouched rows and their moments stay as they are (dense Adam would keep moving them by their
    /// momentum). Every other parameter gets dense Adam. Weight decay is decoupled (AdamW), applied to touched rows
    /// only. The default on the CPU (<see cref="DeviceDefaults"/>). TorchSharp has no SparseAdam; this is RecDsl's.</summary>
    LazyAdam,
}

/// <summary>Stop when the monitored metric has not improved for <see cref="Patience"/> epochs in a row.</summary>
/// <param name="Patience">Consecutive epochs without improvement that stop training (at least 1).</param>
/// <param name="RestoreBestWeights">At the end of training (stopped early or not), load the weights of the
/// epoch with the best monitored value.</param>
public sealed record EarlyStoppingOptions(int Patience = 3, bool RestoreBestWeights = true);

/// <summary>Multiply the learning rate by <see cref="Factor"/> when the monitored metric has not improved for
/// <see cref="Patience"/> epochs in a row (the count restarts after each reduction).</summary>
/// <param name="Factor">In (0, 1).</param>
/// <param name="Patience">Consecutive epochs without improvement that trigger a reduction (at least 1). PyTorch's
/// ReduceLROnPlateau acts one epoch later, after patience + 1.</param>
/// <param name="MinLearningRate">The learning rate never goes below this.</param>
public sealed record ReduceLrOnPlateauOptions(double Factor = 0.1, int Patience = 1, double MinLearningRate = 1e-6);

/// <summary>How <see cref="Trainer"/> trains. Every member has a usable default.</summary>
public sealed record TrainerOptions
{
    /// <summary>The optimizer; null takes <see cref="DeviceDefaults.Optimizer"/> for <see cref="Device"/>
    /// (<see cref="OptimizerKind.LazyAdam"/> on the CPU, <see cref="OptimizerKind.Adam"/> on CUDA).</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay (see <see cref="OptimizerKind"/> for how each optimizer applies it): of every parameter,
    /// or, when <see cref="EmbeddingWeightDecay"/> is set, of every parameter but the embedding tables (the MLPs,
    /// attention, biases, dense weights: FuxiCTR's <c>net_regularizer</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Weight decay of the embedding tables alone: every feature embedding and the per-id scalar weights of
    /// the wide part and the FM first order (FuxiCTR's <c>embedding_regularizer</c>, DeepCTR's
    /// <c>l2_reg_embedding</c>); null: <see cref="WeightDecay"/>. Recommendation models usually want more of it on the
    /// tables than on the network. Applied as <see cref="OptimizerKind"/> says: with Adam and Adagrad it is the L2
    /// term <c>decay · w</c> added to the gradient (a loss term <c>decay / 2 · ||w||²</c>, FuxiCTR's <c>l2(decay)</c>);
    /// with LazyAdam it is decoupled and shrinks only the rows a step looks up.</summary>
    public double? EmbeddingWeightDecay { get; init; }

    /// <summary>Rows per training step; the last batch of an epoch may be smaller. With BatchNorm a single leftover
    /// row joins the step before it (a 1-row step would make the running variance NaN), and 1 is refused.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Rows per forward pass during evaluation (no gradients, so it can be larger).</summary>
    public int EvaluationBatchSize { get; init; } = 8192;

    /// <summary>Number of passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Seeds the row order of every epoch and torch's RNG (dropout). Same seed on the CPU gives bitwise
    /// the same weights.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>"cpu", "cuda" (= "cuda:0") or "cuda:N". CUDA that is not available is an error, never a silent
    /// fallback to the CPU.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Validation metric that early stopping, reduce-on-plateau and best-weights restore watch; see
    /// <see cref="MetricNames"/>. Its direction is inferred from the name. Null: <c>auc</c> for single-task
    /// networks, <c>ctcvr_auc</c> for ESMM.</summary>
    public string? Monitor { get; init; }

    /// <summary>Early stopping; null disables it.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Learning-rate reduction on a plateau; null disables it.</summary>
    public ReduceLrOnPlateauOptions? ReduceLrOnPlateau { get; init; }

    /// <summary>Rescale the gradients so that their global L2 norm is at most this; null disables clipping.</summary>
    public double? MaxGradientNorm { get; init; }

    /// <summary>Where to write a checkpoint after every epoch (atomically); null writes none. Missing folders are
    /// created; a path that names an existing folder is refused when the trainer is created, not after an epoch.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Streamed training (<c>Fit</c> over a source of blocks): how many blocks a background thread reads and
    /// collates ahead while the current one trains, so parsing overlaps the steps; each costs a block's memory. 0
    /// reads every block on the training thread when the previous is done. The blocks and the results are the same
    /// either way.</summary>
    public int BlocksReadAhead { get; init; } = 1;

    /// <summary>Throws when an option is out of range.</summary>
    internal void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be a finite positive number.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must be a finite number, zero or positive.");
        if (EmbeddingWeightDecay is { } embeddingDecay && (!(embeddingDecay >= 0) || double.IsInfinity(embeddingDecay)))
            throw new ArgumentOutOfRangeException(nameof(EmbeddingWeightDecay), embeddingDecay, "Must be a finite number, zero or positive (null: WeightDecay).");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Must be at least 1.");
        if (EvaluationBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(EvaluationBatchSize), EvaluationBatchSize, "Must be at least 1.");
        if (BlocksReadAhead is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(BlocksReadAhead), BlocksReadAhead, "Must be 0 to 8 blocks.");
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Must be zero or positive.");
        if (MaxGradientNorm is { } norm && !(norm > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), norm, "Must be positive.");
        if (EarlyStopping is { Patience: < 1 } es) throw new ArgumentOutOfRangeException(nameof(EarlyStopping), es.Patience, "Patience must be at least 1.");
        if (CheckpointPath is { } checkpoint)
        {
            if (string.IsNullOrWhiteSpace(checkpoint)) throw new ArgumentException("CheckpointPath is empty; pass null to write no checkpoint.", nameof(CheckpointPath));
            if (CheckpointFile.NamesFolder(checkpoint, PayloadKind.Training) is { } folder)
                throw new ArgumentException("CheckpointPath " + folder, nameof(CheckpointPath));
        }
        // The spelling only: whether CUDA is there is known once the backend loads, when training starts.
        ArgumentNullException.ThrowIfNull(Device);
        if (!Backend.DeviceSelection.TryParse(Device, out _)) throw new ArgumentException(Backend.DeviceSelection.Unknown(Device), nameof(Device));
        if (ReduceLrOnPlateau is { } plateau)
        {
            if (!(plateau.Factor > 0 && plateau.Factor < 1)) throw new ArgumentOutOfRangeException(nameof(ReduceLrOnPlateau), plateau.Factor, "Factor must lie in (0, 1).");
            if (plateau.Patience < 1) throw new ArgumentOutOfRangeException(nameof(ReduceLrOnPlateau), plateau.Patience, "Patience must be at least 1.");
            if (!(plateau.MinLearningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(ReduceLrOnPlateau), plateau.MinLearningRate, "MinLearningRate must be zero or positive.");
        }
    }
}
