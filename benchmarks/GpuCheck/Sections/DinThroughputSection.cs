using RecDsl.Batching;
using RecDsl.Benchmarks.Baselines;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// DIN at the Amazon shape (histories of 1-50 padded to 50) on the device: the per-field baseline in torch-rechub's
/// layout (attention over every position of a [B, L, 4D] block, dense Adam) against <see cref="DinNetwork"/> through
/// the trainer with the device's default optimizer, once with the attention unit on every position
/// (<see cref="PositionPacking.Padded"/>) and once on the real positions only (<see cref="PositionPacking.Packed"/>,
/// one device-to-host sync per step on CUDA). <see cref="PositionPacking.Auto"/> takes the padded path on CUDA until
/// these figures say otherwise. Also checks that the two paths agree on the device.
/// </summary>
internal static class DinThroughputSection
{
    public static void Run(Device device, CheckSettings settings, Report report)
    {
        int batch = settings.DinBatch;
        var optimizer = DeviceDefaults.Optimizer(device.type);
        report.Line("THROUGHPUT", "din_settings", $"shape=amazon history={AmazonShape.MaxLen} dim={AmazonShape.EmbeddingDim} " +
            $"mlp={string.Join("-", settings.DinHidden)} attention={string.Join("-", settings.DinAttentionHidden)} batch={batch} " +
            $"warmup={settings.Warmup} steps={settings.Steps} rounds={settings.Rounds} optimizer={optimizer} device={BackendSection.Name(device)}");
        using var data = AmazonShape.Batch((settings.Warmup + settings.Steps) * batch, seed: 2);

        report.Guard("din_packing_parity", () => PackingParity(data, device, settings, report));
        report.Guard($"din_throughput_b{batch}", () =>
        {
            var onDevice = data.To(device);
            double perField;
            try
            {
                perField = TrainerSteps.Best(settings.Rounds, () =>
                {
                    using var baseline = new PerFieldDin(settings.DinHidden, settings.DinAttentionHidden, Activation.Dice);
                    return PerFieldLoop.SamplesPerSecond(baseline, onDevice, batch, settings.Warmup, settings.Steps, device);
                });
            }
            finally
            {
                if (!ReferenceEquals(onDevice, data)) onDevice.Dispose();
            }
            double padded = TrainerSteps.Best(settings.Rounds, () => Generated(data, PositionPacking.Padded, batch, device, settings));
            double packed = TrainerSteps.Best(settings.Rounds, () => Generated(data, PositionPacking.Packed, batch, device, settings));
            double auto = PositionPacking.Auto.Packs(device.type) ? packed : padded; // what a user gets on this device
            report.Line("SAMPLES_PER_S", $"din_amazon_perfield_adam_b{batch}", Report.F(perField, "F0"));
            report.Line("SAMPLES_PER_S", $"din_amazon_generated_padded_b{batch}", Report.F(padded, "F0"));
            report.Line("SAMPLES_PER_S", $"din_amazon_generated_packed_b{batch}", Report.F(packed, "F0"));
            report.Line("RATIO", $"din_generated_vs_perfield_b{batch}", Report.F(auto / perField, "F2"));
            report.Line("RATIO", $"din_packed_vs_padded_b{batch}", Report.F(packed / padded, "F2"));
        });
    }

    private static DinNetwork Network(CheckSettings settings) =>
        new(AmazonShape.Schema(), new DinOptions { Hidden = settings.DinHidden, AttentionHidden = settings.DinAttentionHidden });

    private static double Generated(FeatureBatch data, PositionPacking packing, int batch, Device device, CheckSettings settings)
    {
        using var model = Network(settings);
        foreach (var attention in model.Attentions) attention.Packing = packing;
        return TrainerSteps.SamplesPerSecond(model, data, optimizer: null, batch, device, settings);
    }

    /// <summary>The same network, forward in training mode on the device, padded and packed: the logits must agree.</summary>
    private static void PackingParity(FeatureBatch data, Device device, CheckSettings settings, Report report)
    {
        using var scope = NewDisposeScope();
        using var model = Network(settings);
        model.to(device);
        model.train();
        using var rows = arange(Math.Min(512, data.Count), ScalarType.Int64);
        using var sample = data.Select(rows);
        var onDevice = sample.To(device);
        Tensor Logits(PositionPacking packing)
        {
            foreach (var attention in model.Attentions) attention.Packing = packing;
            using var noGrad = no_grad();
            return model.call(onDevice).cpu().to_type(ScalarType.Float64);
        }
        var padded = Logits(PositionPacking.Padded);
        var packed = Logits(PositionPacking.Packed);
        double error = ((packed - padded).abs().max() / padded.abs().max().clamp_min(1e-12)).ToDouble();
        report.Check("din_packing_parity", error <= 1e-5, $"device={BackendSection.Name(device)} rows={sample.Count} max_rel_err={Report.F(error, "E2")}");
        if (!ReferenceEquals(onDevice, sample)) onDevice.Dispose();
    }
}
