namespace RecDsl.Training;

/// <summary>An epoch ended with a NaN or infinite mean training loss: the weights are no longer numbers, and every
/// later epoch, prediction and metric would be NaN too. Thrown at the end of that epoch, before its evaluation and
/// its checkpoint, so a checkpoint file still holds the last finite epoch.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="epoch"/> (1-based).</summary>
    /// <param name="epoch">The epoch whose mean training loss was not finite.</param>
    /// <param name="trainLoss">That loss.</param>
    /// <param name="learningRate">The learning rate of that epoch.</param>
    /// <param name="checkpointPath">The run's checkpoint file, or null when it writes none.</param>
    /// <param name="checkpointEpoch">The epoch that file holds as far as this run knows (one it wrote, or the one it
    /// resumed from that same file); null when this run neither wrote nor read it.</param>
    public TrainingDivergedException(int epoch, double trainLoss, double learningRate, string? checkpointPath, int? checkpointEpoch)
        : base(MessageOf(epoch, trainLoss, learningRate, checkpointPath, checkpointEpoch))
    {
        Epoch = epoch;
        TrainLoss = trainLoss;
    }

    /// <summary>The epoch (1-based) whose mean training loss was not finite.</summary>
    public int Epoch { get; }

    /// <summary>That loss: NaN or an infinity.</summary>
    public double TrainLoss { get; }

    private static string MessageOf(int epoch, double trainLoss, double learningRate, string? checkpointPath, int? checkpointEpoch)
    {
        string checkpoint = checkpointPath is null
            ? ""
            : checkpointEpoch is { } kept
                ? $" The checkpoint '{checkpointPath}' still holds epoch {kept}; Resume continues from it."
                : $" This run has not written the checkpoint '{checkpointPath}'.";
        return $"Training diverged in epoch {epoch}: the mean training loss is {trainLoss}. " +
            $"Lower the learning rate (now {learningRate}), set MaxGradientNorm, or bring large dense inputs to a small scale " +
            $"(the MLP reads them raw; a count in the millions wants log(1 + x)).{checkpoint}";
    }
}
