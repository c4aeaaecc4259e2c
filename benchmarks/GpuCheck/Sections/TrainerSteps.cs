using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Training;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>Throughput of RecDsl's own <see cref="Trainer"/> step path, timed on the device, for the throughput sections.</summary>
internal static class TrainerSteps
{
    /// <summary>The best of <paramref name="rounds"/> measurements (damps a noisy neighbour).</summary>
    public static double Best(int rounds, Func<double> measure)
    {
        double best = 0;
        for (int round = 0; round < rounds; round++) best = Math.Max(best, measure());
        return best;
    }

    /// <summary>One epoch of exactly warmup + steps full batches through the trainer; samples per second over the
    /// timed steps, read between two progress reports (made on the training thread right after each optimizer step).</summary>
    /// <param name="optimizer">Null: the device default (<see cref="DeviceDefaults"/>).</param>
    public static double SamplesPerSecond(RecNetwork model, FeatureBatch data, OptimizerKind? optimizer, int batch, Device device, CheckSettings settings)
    {
        var clock = new StepClock(new DeviceClock(device), settings.Warmup, settings.Warmup + settings.Steps);
        var options = new TrainerOptions { Device = settings.Device, Optimizer = optimizer, BatchSize = batch, Epochs = 1, Seed = 1, LearningRate = 1e-3 };
        new Trainer(model, options).Fit(data, progress: clock);
        return settings.Steps * (double)batch / clock.Seconds;
    }

    private sealed class StepClock(DeviceClock clock, int from, int to) : IProgress<TrainingProgress>
    {
        public double Seconds { get; private set; } = double.NaN;

        public void Report(TrainingProgress value)
        {
            if (value.Completed is not null) return;
            if (value.Batch == from) clock.Start();
            if (value.Batch == to) Seconds = clock.Stop();
        }
    }
}
