using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Checkpoint and resume on the device, with the device's default optimizer: a run of <see cref="Epochs"/> epochs
/// against one stopped after <see cref="StopAfter"/> and resumed from its checkpoint by a fresh model. On the CPU the
/// two must agree bitwise (the runtime's own tests prove it); on CUDA the embedding backward adds with atomics, so
/// the order of float additions varies between runs and the bound is relative: each resumed epoch's training loss
/// within <see cref="LossBound"/> of the uninterrupted run's, and the final validation outputs within
/// <see cref="OutputBound"/> normwise. What fails either way: optimizer state left on the CPU, a step or learning rate
/// lost at the epoch boundary, a different data order after resuming.
/// </summary>
internal static class ResumeSection
{
    public const int Epochs = 4;
    public const int StopAfter = 2;
    public const double LossBound = 1e-3;
    public const double OutputBound = 1e-3;

    public static void Run(IReadOnlyList<ModelCase> cases, Device device, CheckSettings settings, Report report)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"recdsl-gpucheck-resume-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var c in cases.Where(c => c.Name is "deepfm" or "din")) report.Guard($"resume_{c.Name}", () => Check(c, device, settings, report, folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Check(ModelCase c, Device device, CheckSettings settings, Report report, string folder)
    {
        using var train = c.CollateTrain(0, settings.TrainRows, device);
        using var validation = c.CollateValidation(0, settings.ValidationRows, device);
        var options = new TrainerOptions
        {
            Device = settings.Device, Epochs = Epochs, BatchSize = settings.BatchSize, LearningRate = settings.LearningRate, Seed = 5,
        };

        using var uninterrupted = c.CreateOn(device, seed: 23);
        var full = new Trainer(uninterrupted, options).Fit(train, validation);

        var checkpoint = Path.Combine(folder, $"{c.Name}.ckpt");
        using (var stopped = c.CreateOn(device, seed: 23))
            new Trainer(stopped, options with { Epochs = StopAfter, CheckpointPath = checkpoint }).Fit(train, validation);
        using var resumedModel = c.CreateOn(device, seed: 23);
        var resumed = new Trainer(resumedModel, options).Resume(checkpoint, train, validation);

        double lossError = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
            lossError = Math.Max(lossError, Math.Abs(resumed.History[epoch].TrainLoss - full.History[epoch].TrainLoss) / Math.Abs(full.History[epoch].TrainLoss));
        double outputError = OutputError(uninterrupted, resumedModel, validation);
        bool exact = device.type == DeviceType.CPU;
        bool ok = resumed.History.Count == Epochs && (exact ? lossError == 0 && outputError == 0 : lossError <= LossBound && outputError <= OutputBound);
        report.Check($"resume_{c.Name}", ok,
            $"device={device} optimizer={DeviceDefaults.Optimizer(device.type)} epochs={Epochs} stopped_after={StopAfter} " +
            $"resumed_epochs={resumed.History.Count} max_rel_train_loss_diff={Report.F(lossError, "E2")} " +
            $"max_rel_output_diff={Report.F(outputError, "E2")} bound={(exact ? "bitwise" : Report.F(LossBound, "E0"))}");
    }


    // max |a - b| / max |a| over the eval-mode outputs of the validation rows.
    private static double OutputError(RecNetwork a, RecNetwork b, RecDsl.Batching.FeatureBatch validation)
    {
        a.eval();
        b.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var left = a.call(validation).cpu().to(ScalarType.Float64);
        var right = b.call(validation).cpu().to(ScalarType.Float64);
        return ParitySection.NormwiseError(left, right).Relative;
    }
}
