using RecDsl.Training;
using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>Draws the trainer's progress reports as a Spectre.Console progress bar: one bar over all epochs, advanced
/// every step, its caption updated with the loss and validation metric after each epoch.</summary>
public static class TrainingProgressBar
{
    /// <summary>Runs <paramref name="train"/> with a progress bar and returns its result.</summary>
    /// <param name="epochs">Epochs planned (the bar's length).</param>
    /// <param name="metric">The validation metric to show ("auc", "ctcvr_auc", ...).</param>
    /// <param name="train">Trains, reporting to the given <see cref="IProgress{T}"/> (pass it to <c>Trainer.Fit</c>).</param>
    public static TResult Run<TResult>(int epochs, string metric, Func<IProgress<TrainingProgress>, TResult> train)
    {
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"epoch 1/{epochs}", maxValue: epochs);
                var result = train(new Reporter(task, metric));
                task.Value = task.MaxValue; // early stopping may end before the last epoch
                return result;
            });
    }

    // Called synchronously on the training thread (System.Progress<T> would post to the thread pool and lag behind).
    private sealed class Reporter(ProgressTask task, string metric) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            // Streamed training knows its steps per epoch only after the first epoch (Batches is 0 until then).
            task.Value = value.Epoch - 1 + (value.Batches > 0 ? (double)value.Batch / value.Batches : 0);
            if (value.Completed is not { } epoch) return;

            var validation = epoch.Validation.TryGetValue(metric, out double m) ? $"  validation {metric} {m:F4}" : "";
            task.Description = $"epoch {epoch.Epoch}/{value.Epochs}  loss {epoch.TrainLoss:F4}{validation}";
            // Without a terminal (CI logs, pipes) the bar is not redrawn: print one line per epoch instead.
            if (!AnsiConsole.Profile.Capabilities.Interactive)
                AnsiConsole.WriteLine($"{task.Description}  ({epoch.Seconds:F1} s)");
        }
    }
}
