using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Training;

namespace RecDsl.Benchmarks.Quick;

/// <summary>Samples per second of RecDsl's own <see cref="Trainer"/> step path (resident data, permutation +
/// <c>index_select</c> batches, forward, loss, backward, optimizer step), timed from its per-step progress reports.</summary>
public static class TrainerThroughput
{
    /// <summary>Trains one epoch of exactly <paramref name="warmup"/> + <paramref name="steps"/> full batches and
    /// returns samples per second over the last <paramref name="steps"/>.</summary>
    /// <param name="optimizer">Null: the device default (<see cref="DeviceDefaults"/>), i.e. what a user gets.</param>
    public static Throughput SamplesPerSecond(RecNetwork network, FeatureBatch data, OptimizerKind? optimizer, int batchSize, int warmup, int steps)
    {
        if (data.Count != (warmup + steps) * batchSize) throw new ArgumentException("The data must hold exactly the timed batches.");
        var clock = new StepClock(warmup, warmup + steps);
        var options = new TrainerOptions { Optimizer = optimizer, BatchSize = batchSize, Epochs = 1, Seed = 1, Device = "cpu" };
        new Trainer(network, options).Fit(data, progress: clock);
        return Throughput.Of(steps * (long)batchSize, clock.Seconds);
    }

    /// <summary>Reads the clock when step <c>from</c> and step <c>to</c> have finished (reports are synchronous,
    /// made by the training thread right after each optimizer step).</summary>
    private sealed class StepClock(int from, int to) : IProgress<TrainingProgress>
    {
        private readonly CpuClock clock = new();

        public (double Wall, double Cpu) Seconds { get; private set; }

        public void Report(TrainingProgress value)
        {
            if (value.Completed is not null) return;
            if (value.Batch == from) clock.Restart();
            if (value.Batch == to) Seconds = clock.Read();
        }
    }
}
