using System.Globalization;

namespace RecDsl.GpuCheck;

/// <summary>
/// Sizes of one run. The GPU sizes finish in about a minute on an H100 (the device session has 15 minutes in all,
/// start-up included); the dry-run sizes run every code path on the CPU in seconds.
/// </summary>
internal sealed record CheckSettings
{
    /// <summary>"cuda", "cuda:N" or "cpu".</summary>
    public required string Device { get; init; }

    /// <summary>True for <c>--cpu-dry-run</c>: tiny sizes, CPU.</summary>
    public bool DryRun { get; init; }

    /// <summary>Training rows per model.</summary>
    public int TrainRows { get; init; }

    /// <summary>Validation rows per model (also the parity rows).</summary>
    public int ValidationRows { get; init; }

    /// <summary>Training batch size of the four models.</summary>
    public int BatchSize { get; init; }

    /// <summary>Epochs of the four models; steps = epochs x TrainRows / BatchSize.</summary>
    public int Epochs { get; init; }

    /// <summary>Adam learning rate of the four models.</summary>
    public double LearningRate { get; init; }

    /// <summary>Batches collated back to back, without a sync, before they are compared with CPU collation.</summary>
    public int BurstBatches { get; init; }

    /// <summary>Batch sizes of the Criteo-shape throughput runs.</summary>
    public required int[] ThroughputBatches { get; init; }

    /// <summary>Untimed steps before each throughput measurement.</summary>
    public int Warmup { get; init; }

    /// <summary>Timed steps of each throughput measurement.</summary>
    public int Steps { get; init; }

    /// <summary>Measurements per configuration; the best counts (damps a noisy neighbour).</summary>
    public int Rounds { get; init; }

    /// <summary>Embedding dimension of the Criteo-shape DeepFM.</summary>
    public int CriteoDim { get; init; }

    /// <summary>MLP of the Criteo-shape DeepFM.</summary>
    public required int[] CriteoHidden { get; init; }

    /// <summary>Batch size of the Amazon-shape DIN throughput run.</summary>
    public int DinBatch { get; init; }

    /// <summary>Top MLP of the Amazon-shape DIN.</summary>
    public required int[] DinHidden { get; init; }

    /// <summary>Attention unit of the Amazon-shape DIN.</summary>
    public required int[] DinAttentionHidden { get; init; }

    /// <summary>The GPU run: 320 training steps per model, Criteo shape at its published sizes.</summary>
    public static CheckSettings Gpu(string device) => new()
    {
        Device = device, TrainRows = 32_768, ValidationRows = 8_192, BatchSize = 1_024, Epochs = 10, LearningRate = 2e-3,
        BurstBatches = 64, ThroughputBatches = new[] { 1_024, 4_096, 16_384 }, Warmup = 10, Steps = 50, Rounds = 2,
        CriteoDim = 16, CriteoHidden = new[] { 400, 400, 400 },
        DinBatch = 4_096, DinHidden = new[] { 200, 80 }, DinAttentionHidden = new[] { 80, 40 }, // the DIN paper's
    };

    /// <summary>The same checks on the CPU with tiny sizes (the Criteo tables keep their real row counts).</summary>
    public static CheckSettings CpuDryRun() => new()
    {
        Device = "cpu", DryRun = true, TrainRows = 512, ValidationRows = 256, BatchSize = 64, Epochs = 3, LearningRate = 1e-2,
        BurstBatches = 4, ThroughputBatches = new[] { 64 }, Warmup = 1, Steps = 2, Rounds = 1,
        CriteoDim = 4, CriteoHidden = new[] { 16 },
        DinBatch = 64, DinHidden = new[] { 16 }, DinAttentionHidden = new[] { 8 },
    };

    /// <summary>Reads <c>--cpu-dry-run</c>, <c>--device D</c>, <c>--batches a,b</c>, <c>--steps N</c>,
    /// <c>--warmup N</c>, <c>--rounds N</c>, <c>--epochs N</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static CheckSettings Parse(IReadOnlyList<string> args)
    {
        var settings = args.Contains("--cpu-dry-run") ? CpuDryRun() : Gpu("cuda");
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a positive integer, not '{args[i]}'.");
            switch (args[i])
            {
                // gpu-bundle's run.sh passes one empty argument when the bundle was made without arguments.
                case "": break;
                case "--cpu-dry-run": break;
                case "--device": settings = settings with { Device = Value() }; break;
                case "--batches":
                    settings = settings with { ThroughputBatches = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() };
                    break;
                case "--steps": settings = settings with { Steps = Positive() }; break;
                case "--warmup": settings = settings with { Warmup = Positive() }; break;
                case "--rounds": settings = settings with { Rounds = Positive() }; break;
                case "--epochs": settings = settings with { Epochs = Positive() }; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}");
            }
        }
        return settings;
    }

    /// <summary>One line of usage.</summary>
    public const string Usage = "Usage: GpuCheck [--cpu-dry-run] [--device cuda|cuda:N|cpu] [--batches 1024,4096] [--steps N] [--warmup N] " +
        "[--rounds N] [--epochs N] | GpuCheck --probe DEVICE";
}
