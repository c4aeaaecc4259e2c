namespace RecDsl.Training;

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Row-weighted mean training loss over the epoch's steps.</param>
/// <param name="Validation">Validation metrics after the epoch (empty without validation data).</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock time of the epoch including evaluation.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, IReadOnlyDictionary<string, double> Validation, double LearningRate, double Seconds)
{
    // The record's ToString with the validation metrics written out: Validation = { auc = 0.74, logloss = 0.45 }.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Epoch = ").Append(Epoch).Append(", TrainLoss = ").Append(TrainLoss).Append(", Validation = ");
        ResultText.AppendMetrics(builder, Validation);
        builder.Append(", LearningRate = ").Append(LearningRate).Append(", Seconds = ").Append(Seconds);
        return true;
    }
}

/// <summary>A progress report: one per training step, and one at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Total epochs planned.</param>
/// <param name="Batch">Steps done in this epoch.</param>
/// <param name="Batches">Steps per epoch; 0 while not known (the first epoch of streamed training).</param>
/// <param name="Completed">The finished epoch's record in the end-of-epoch report; null in per-step reports
/// (per-step reports carry no loss: reading it would sync the device every step).</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, EpochRecord? Completed);

/// <summary>The outcome of a <see cref="Trainer"/> run (<c>Fit</c> or <c>Resume</c>).</summary>
/// <param name="History">Every epoch, including those before a resume.</param>
/// <param name="Monitor">The monitored metric, or null when nothing was monitored (no validation data).</param>
/// <param name="BestEpoch">Epoch with the best monitored value; 0 when none.</param>
/// <param name="BestValue">That value; NaN when none.</param>
/// <param name="StoppedEarly">True when early stopping ended training before <see cref="TrainerOptions.Epochs"/>.</param>
/// <param name="RestoredBestWeights">True when the network now holds the weights of <paramref name="BestEpoch"/>.</param>
/// <param name="LearningRate">The learning rate at the end (after any plateau cuts).</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochRecord> History, string? Monitor, int BestEpoch, double BestValue,
    bool StoppedEarly, bool RestoredBestWeights, double LearningRate)
{
    // The record's ToString with the history as its length (History = [3 epochs]); each EpochRecord prints itself.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("History = [").Append(History.Count).Append(History.Count == 1 ? " epoch]" : " epochs]")
            .Append(", Monitor = ").Append(Monitor).Append(", BestEpoch = ").Append(BestEpoch)
            .Append(", BestValue = ").Append(BestValue).Append(", StoppedEarly = ").Append(StoppedEarly)
            .Append(", RestoredBestWeights = ").Append(RestoredBestWeights).Append(", LearningRate = ").Append(LearningRate);
        return true;
    }
}
