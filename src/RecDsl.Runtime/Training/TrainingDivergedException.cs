namespace RecDsl.Training;

/// <summary>An epoch ended with a NaN or infinite mean training loss: the weights are no longer numbers, and every
/// later epoch, prediction and metric would be NaN too. Thrown at the end of that epoch, before its evaluation and
/// its checkpoint, so a checkpoint file still holds the last finite epoch.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="epoch"/> (1-based).</summary>
    public TrainingDivergedException(int epoch, double trainLoss, double learningRate, string? checkpointPath)
        : base(MessageOf(epoch, trainLoss, learningRate, checkpointPath))
    {
        Epoch = epoch;
        TrainLoss = trainLoss;
    }

    /// <summary>The epoch (1-based) whose mean training loss was not finite.</summary>
    public int Epoch { get; }

    /// <summary>That loss: NaN or an infinity.</summary>
    public double TrainLoss { get; }

    private static string MessageOf(int epoch, double trainLoss, double learningRate, string? checkpointPath)
    {
        string checkpoint = checkpointPath is null
            ? ""
            : epoch == 1
                ? $" The checkpoint '{checkpointPath}' was not written for this epoch."
                : $" The checkpoint '{checkpointPath}' still holds epoch {epoch - 1} (if this run wrote it).";
        return $"Training diverged in epoch {epoch}: the mean training loss is {trainLoss}. " +
            $"Lower the learning rate (now {learningRate}), set MaxGradientNorm, or bring large dense inputs to a small scale " +
            $"(the MLP reads them raw; a count in the millions wants log(1 + x)).{checkpoint}";
    }
}
