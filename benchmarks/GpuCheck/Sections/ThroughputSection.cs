using RecDsl.Batching;
using RecDsl.Benchmarks.Baselines;
using RecDsl.Benchmarks.Collators;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Training samples per second of the Criteo-shape DeepFM (26 sparse fields, 13 dense, MLP with BatchNorm): the
/// generated <c>CriteoRowDeepFM</c> through RecDsl's <see cref="Trainer"/> (one fused table, dense Adam; LazyAdam too
/// where this build has it) against the per-field baseline of <c>benchmarks/Shared</c>, same data, same device,
/// same process. Rows come from the generated <c>CriteoRowCollator</c>.
/// </summary>
internal static class ThroughputSection
{
    /// <summary>Issue 7's target: generated at least 3x the per-field baseline at batch 4096 on a GPU.</summary>
    public const double TargetRatio = 3.0;
    public const int TargetBatch = 4_096;

    public static void Run(Device device, CheckSettings settings, Report report)
    {
        int largest = settings.ThroughputBatches.Max();
        var records = CriteoRow.Random((settings.Warmup + settings.Steps) * largest, seed: 3);
        using var all = new CriteoRowCollator().Collate(records);
        // LazyAdam lives on branch perf; looked up by name so this program needs no change when it is merged.
        OptimizerKind? lazyAdam = Enum.TryParse<OptimizerKind>("LazyAdam", out var kind) ? kind : null;
        report.Line("THROUGHPUT", "settings", $"shape=criteo fields=26 dense=13 rows_in_tables={CriteoShape.Cardinalities.Sum() + 26 * Schema.EmbeddingRows.Reserved} " +
            $"dim={settings.CriteoDim} mlp={string.Join("-", settings.CriteoHidden)} batchnorm=true warmup={settings.Warmup} steps={settings.Steps} " +
            $"rounds={settings.Rounds} device={BackendSection.Name(device)} tf32=off");

        foreach (int batch in settings.ThroughputBatches) report.Guard($"throughput_b{batch}", () =>
        {
            int rows = (settings.Warmup + settings.Steps) * batch;
            using var rowIndex = arange(rows, ScalarType.Int64);
            using var data = all.Select(rowIndex);
            var onDevice = data.To(device);
            double perField;
            try
            {
                perField = TrainerSteps.Best(settings.Rounds, () =>
                {
                    using var baseline = new PerFieldDeepFm(CriteoShape.Cardinalities, settings.CriteoDim, CriteoShape.DenseFields, settings.CriteoHidden, batchNorm: true);
                    return PerFieldLoop.SamplesPerSecond(baseline, onDevice, batch, settings.Warmup, settings.Steps, device);
                });
            }
            finally
            {
                if (!ReferenceEquals(onDevice, data)) onDevice.Dispose();
            }
            double adam = TrainerSteps.Best(settings.Rounds, () => Generated(data, OptimizerKind.Adam, batch, device, settings));
            report.Line("SAMPLES_PER_S", $"deepfm_criteo_perfield_adam_b{batch}", Report.F(perField, "F0"));
            report.Line("SAMPLES_PER_S", $"deepfm_criteo_generated_adam_b{batch}", Report.F(adam, "F0"));
            report.Line("RATIO", $"generated_adam_vs_perfield_b{batch}", Report.F(adam / perField, "F2"));
            if (lazyAdam is { } lazy)
            {
                double lazyRate = TrainerSteps.Best(settings.Rounds, () => Generated(data, lazy, batch, device, settings));
                report.Line("SAMPLES_PER_S", $"deepfm_criteo_generated_lazyadam_b{batch}", Report.F(lazyRate, "F0"));
                report.Line("RATIO", $"generated_lazyadam_vs_perfield_b{batch}", Report.F(lazyRate / perField, "F2"));
            }
            else
            {
                report.Line("PENDING", $"deepfm_criteo_generated_lazyadam_b{batch}", "this build has no OptimizerKind.LazyAdam (branch perf)");
            }
            if (batch == TargetBatch && device.type == DeviceType.CUDA)
                report.Target($"generated_vs_perfield_b{batch}", adam / perField >= TargetRatio, $"ratio={Report.F(adam / perField, "F2")} wanted>={Report.F(TargetRatio, "F1")}");
        });
    }

    private static double Generated(FeatureBatch data, OptimizerKind optimizer, int batch, Device device, CheckSettings settings)
    {
        using var model = new CriteoRowDeepFM(CriteoRowDeepFM.DeclaredOptions with { Hidden = settings.CriteoHidden, BatchNorm = true }, settings.CriteoDim);
        return TrainerSteps.SamplesPerSecond(model, data, optimizer, batch, device, settings);
    }
}
