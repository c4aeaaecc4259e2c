using RecDsl.Backend;
using RecDsl.Batching;
using RecDsl.Benchmarks.Baselines;
using RecDsl.Benchmarks.Collators;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Benchmarks.Quick;

/// <summary>
/// <c>quick</c>: every headline figure measured side by side in one process, one line each:
/// <c>RATIO name value</c> for the ratios, <c>SAMPLES_PER_S name value</c> / <c>MROWS_PER_S name value</c> for the raw
/// throughputs, Options:
/// <c>--steps N</c> timed steps per configuration (default 5), <c>--warmup N</c> (default 2),
/// <c>--batch N</c> (default 4096), <c>--rounds N</c> (default 2; the best round counts, which damps a shared machine), <c>--collators-only</c>.
/// </summary>
public static class QuickMode
{
    private const long Seed = 20240601;

    public static int Run(string[] args)
    {
        int steps = CommandLine.Int(args, "--steps", 5), warmup = Math.Max(1, CommandLine.Int(args, "--warmup", 2));
        int batch = CommandLine.Int(args, "--batch", 4096), rounds = Math.Max(1, CommandLine.Int(args, "--rounds", 2));
        TorchBackend.EnsureLoaded();
        foreach (var line in MachineInfo.Describe()) Console.WriteLine(line);
        Console.WriteLine($"SETTINGS batch={batch} warmup={warmup} steps={steps} rounds={rounds} device=cpu default_optimizer={DeviceDefaults.Optimizer(DeviceType.CPU)}");

        Collators();
        if (args.Contains("--collators-only")) return 0;
        Training("deepfm", "train_cpu", CriteoShape.Batch((warmup + steps) * batch, seed: 1),
            () => PerFieldDeepFm.Criteo(DeepFmHidden, batchNorm: true),
            () => new DeepFmNetwork(CriteoShape.Schema(), new DeepFmOptions { Hidden = DeepFmHidden, BatchNorm = true }),
            batch, warmup, steps, rounds);
        Training("din", "din_train_cpu", AmazonShape.Batch((warmup + steps) * batch, seed: 2),
            () => new PerFieldDin(DinHidden, DinAttentionHidden, Activation.Dice),
            () => new DinNetwork(AmazonShape.Schema(), new DinOptions { Hidden = DinHidden, AttentionHidden = DinAttentionHidden }),
            batch, warmup, steps, rounds,
            perFieldSameUnit: () => new PerFieldDin(DinHidden, DinAttentionHidden, Activation.Dice, recDslAttention: true));
        Console.WriteLine($"MACHINE load_at_end=\"{MachineInfo.LoadAverage()}\"");
        return 0;
    }

    /// <summary>DeepFM MLP of the Criteo benchmarks (BARS, torch-rechub examples): 400-400-400 with BatchNorm.</summary>
    private static readonly int[] DeepFmHidden = [400, 400, 400];

    /// <summary>DIN paper settings: MLP 200-80, attention unit 80-40, Dice.</summary>
    private static readonly int[] DinHidden = [200, 80];
    private static readonly int[] DinAttentionHidden = [80, 40];

    /// <summary>Generated vs reflection collator on the same rows, one thread, host tensors; Criteo and Amazon (DIN) shapes.</summary>
    private static void Collators()
    {
        const int rows = 200_000, batch = 4096;
        var criteo = CriteoRow.Random(rows, seed: 3);
        var criteoCollator = new CriteoRowCollator();
        CompareCollators("collator", criteo, rows => criteoCollator.Collate(rows), new ReflectionCollator<CriteoRow>().Collate, batch);
        var amazon = AmazonRow.Random(rows / 4, seed: 4);
        var amazonCollator = new AmazonRowCollator();
        CompareCollators("din_collator", amazon, rows => amazonCollator.Collate(rows), new ReflectionCollator<AmazonRow>().Collate, batch);
    }

    private static void CompareCollators<T>(string name, T[] records, Func<IReadOnlyList<T>, FeatureBatch> generated,
        Func<IReadOnlyList<T>, FeatureBatch> reflection, int batch)
    {
        // Best of three alternating runs of each, so a burst of other work on the machine favours neither.
        Throughput generatedRate = default, reflectionRate = default;
        for (int round = 0; round < 3; round++)
        {
            generatedRate = Throughput.Max(generatedRate, CollatorThroughput.MillionRowsPerSecond(generated, records, batch));
            reflectionRate = Throughput.Max(reflectionRate, CollatorThroughput.MillionRowsPerSecond(reflection, records, batch));
        }
        Print("MROWS_PER_S", $"{name}_generated", generatedRate.PerWallSecond, "F3");
        Print("MROWS_PER_S", $"{name}_reflection", reflectionRate.PerWallSecond, "F3");
        Print("MROWS_PER_CPU_S", $"{name}_generated", generatedRate.PerCpuSecond, "F3");
        Print("MROWS_PER_CPU_S", $"{name}_reflection", reflectionRate.PerCpuSecond, "F3");
        Print("RATIO", $"{name}_mrows_per_s", generatedRate.PerWallSecond, "F3");
        Print("RATIO", $"{name}_vs_reflection", generatedRate.PerWallSecond / reflectionRate.PerWallSecond, "F2");
        Print("CPU_RATIO", $"{name}_mrows_per_s", generatedRate.PerCpuSecond, "F3");
        Print("CPU_RATIO", $"{name}_vs_reflection", generatedRate.PerCpuSecond / reflectionRate.PerCpuSecond, "F2");
    }

    /// <summary>Per-field baseline, fused + Adam and fused + LazyAdam on the same data; the best of the rounds counts.
    /// <paramref name="perFieldSameUnit"/>: optionally the per-field layout with RecDsl's own layers for the rest of
    /// the model, which separates what the embedding layout and optimizer give from what the rest gives.</summary>
    private static void Training(string model, string ratioPrefix, FeatureBatch data, Func<torch.nn.Module<FeatureBatch, torch.Tensor>> perField,
        Func<RecNetwork> fused, int batch, int warmup, int steps, int rounds, Func<torch.nn.Module<FeatureBatch, torch.Tensor>>? perFieldSameUnit = null)
    {
        Throughput perFieldRate = default, adamRate = default, lazyRate = default, sameUnitRate = default;
        using (data)
        {
            Throughput PerField(Func<torch.nn.Module<FeatureBatch, torch.Tensor>> create)
            {
                using var baseline = create();
                return PerFieldTraining.SamplesPerSecond(baseline, data, batch, warmup, steps, Seed);
            }
            Throughput Fused(OptimizerKind optimizer)
            {
                using var network = fused();
                return TrainerThroughput.SamplesPerSecond(network, data, optimizer, batch, warmup, steps);
            }
            var runs = new List<Action>
            {
                () => perFieldRate = Throughput.Max(perFieldRate, PerField(perField)),
                () => adamRate = Throughput.Max(adamRate, Fused(OptimizerKind.Adam)),
                () => lazyRate = Throughput.Max(lazyRate, Fused(OptimizerKind.LazyAdam)),
            };
            if (perFieldSameUnit is not null)
                runs.Insert(1, () => sameUnitRate = Throughput.Max(sameUnitRate, PerField(perFieldSameUnit)));
            // Odd rounds run the configurations in reverse, so that drift in the machine's load favours none of them.
            for (int round = 0; round < rounds; round++)
                foreach (var run in round % 2 == 0 ? runs : Enumerable.Reverse(runs)) run();
        }
        var generated = DeviceDefaults.Optimizer(DeviceType.CPU) == OptimizerKind.LazyAdam ? lazyRate : adamRate;
        Print("SAMPLES_PER_S", $"{model}_perfield_adam", perFieldRate.PerWallSecond, "F0");
        Print("SAMPLES_PER_S", $"{model}_fused_adam", adamRate.PerWallSecond, "F0");
        Print("SAMPLES_PER_S", $"{model}_fused_lazyadam", lazyRate.PerWallSecond, "F0");
        Print("SAMPLES_PER_CPU_S", $"{model}_perfield_adam", perFieldRate.PerCpuSecond, "F0");
        Print("SAMPLES_PER_CPU_S", $"{model}_fused_adam", adamRate.PerCpuSecond, "F0");
        Print("SAMPLES_PER_CPU_S", $"{model}_fused_lazyadam", lazyRate.PerCpuSecond, "F0");
        Print("RATIO", $"{ratioPrefix}_generated_vs_perfield", generated.PerWallSecond / perFieldRate.PerWallSecond, "F2");
        Print("RATIO", $"{ratioPrefix}_fused_adam_vs_perfield", adamRate.PerWallSecond / perFieldRate.PerWallSecond, "F2");
        Print("RATIO", $"{ratioPrefix}_lazyadam_vs_adam", lazyRate.PerWallSecond / adamRate.PerWallSecond, "F2");
        // The same ratios from CPU time: what the wall-clock ratios would be without other work on the machine.
        Print("CPU_RATIO", $"{ratioPrefix}_generated_vs_perfield", generated.PerCpuSecond / perFieldRate.PerCpuSecond, "F2");
        Print("CPU_RATIO", $"{ratioPrefix}_fused_adam_vs_perfield", adamRate.PerCpuSecond / perFieldRate.PerCpuSecond, "F2");
        Print("CPU_RATIO", $"{ratioPrefix}_lazyadam_vs_adam", lazyRate.PerCpuSecond / adamRate.PerCpuSecond, "F2");
        if (perFieldSameUnit is null) return;
        Print("SAMPLES_PER_S", $"{model}_perfield_same_unit_adam", sameUnitRate.PerWallSecond, "F0");
        Print("SAMPLES_PER_CPU_S", $"{model}_perfield_same_unit_adam", sameUnitRate.PerCpuSecond, "F0");
        Print("RATIO", $"{ratioPrefix}_generated_vs_perfield_same_unit", generated.PerWallSecond / sameUnitRate.PerWallSecond, "F2");
        Print("CPU_RATIO", $"{ratioPrefix}_generated_vs_perfield_same_unit", generated.PerCpuSecond / sameUnitRate.PerCpuSecond, "F2");
    }

    private static void Print(string kind, string name, double value, string format) =>
        Console.WriteLine(FormattableString.Invariant($"{kind} {name} {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}"));
}
