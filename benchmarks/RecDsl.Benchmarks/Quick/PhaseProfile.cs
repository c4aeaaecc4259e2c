using RecDsl.Backend;
using RecDsl.Batching;
using RecDsl.Benchmarks.Baselines;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Quick;

/// <summary>
/// <c>profile deepfm|din [--steps N] [--batch N]</c>: where a training step's time goes (batch selection, forward +
/// loss, backward, optimizer), in CPU milliseconds per step, for the per-field baseline and the fused network with
/// Adam and with LazyAdam. The step mirrors <see cref="Trainer"/>'s (same optimizer wrappers, same table modes).
/// </summary>
public static class PhaseProfile
{
    public static int Run(string[] args)
    {
        var model = args.Length > 0 ? args[0] : "deepfm";
        int steps = CommandLine.Int(args, "--steps", 4), batch = CommandLine.Int(args, "--batch", 4096);
        TorchBackend.EnsureLoaded();
        foreach (var line in MachineInfo.Describe()) Console.WriteLine(line);
        using var data = model == "din" ? AmazonShape.Batch((steps + 1) * batch, 2) : CriteoShape.Batch((steps + 1) * batch, 1);
        Func<nn.Module<FeatureBatch, Tensor>> perField = model == "din"
            ? () => new PerFieldDin([200, 80], [80, 40], Activation.Dice)
            : () => PerFieldDeepFm.Criteo([400, 400, 400], batchNorm: true);
        Func<RecNetwork> fused = model == "din"
            ? () => new DinNetwork(AmazonShape.Schema(), new DinOptions { Hidden = [200, 80], AttentionHidden = [80, 40] })
            : () => new DeepFmNetwork(CriteoShape.Schema(), new DeepFmOptions { Hidden = [400, 400, 400], BatchNorm = true });

        using (var m = perField()) Profile($"{model} perfield adam", m, OptimizerKind.Adam, data, batch, steps);
        if (model == "din")
            using (var m = new PerFieldDin([200, 80], [80, 40], Activation.Dice, recDslAttention: true))
                Profile($"{model} perfield (RecDsl attention) adam", m, OptimizerKind.Adam, data, batch, steps);
        using (var m = fused()) Profile($"{model} fused adam", m, OptimizerKind.Adam, data, batch, steps);
        using (var m = fused()) Profile($"{model} fused lazyadam", m, OptimizerKind.LazyAdam, data, batch, steps);
        return 0;
    }

    private static void Profile(string name, nn.Module<FeatureBatch, Tensor> model, OptimizerKind kind, FeatureBatch data, int batch, int steps)
    {
        foreach (var table in model.modules().OfType<EmbeddingTable>()) table.SparseGradients = kind == OptimizerKind.LazyAdam;
        var parameters = model.parameters().ToList();
        using var optimizer = TrainingOptimizer.Create(kind, parameters.Select(p => (p, 0.0)).ToList(), 1e-3);
        model.train();
        var phases = new double[4];
        var clock = new CpuClock();
        for (int step = 0; step <= steps; step++)
        {
            var times = new double[4];
            using var scope = NewDisposeScope();
            clock.Restart();
            using var rows = arange(step * batch, (step + 1) * batch, ScalarType.Int64);
            using var b = data.Select(rows);
            times[0] = clock.Read().Cpu;
            var output = model.call(b);
            var loss = model is RecNetwork network ? network.Loss(output, b) : nn.functional.binary_cross_entropy_with_logits(output, b.Label!);
            times[1] = clock.Read().Cpu;
            optimizer.ZeroGrad();
            loss.backward();
            times[2] = clock.Read().Cpu;
            optimizer.Step();
            times[3] = clock.Read().Cpu;
            if (step == 0) continue; // warm-up
            for (int p = 0; p < 4; p++) phases[p] += times[p] - (p == 0 ? 0 : times[p - 1]);
        }
        Console.WriteLine(FormattableString.Invariant(
            $"PROFILE {name}: select {phases[0] / steps * 1e3:F1} ms, forward+loss {phases[1] / steps * 1e3:F1} ms, backward {phases[2] / steps * 1e3:F1} ms, optimizer {phases[3] / steps * 1e3:F1} ms (CPU per step)"));
    }
}
