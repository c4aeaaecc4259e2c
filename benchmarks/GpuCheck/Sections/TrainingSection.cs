using System.Diagnostics;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Trains each generated model with RecDsl's <see cref="Trainer"/> on the device (data collated straight onto it)
/// and checks that the training loss falls from the first epoch to the last (the validation loss and AUC are printed
/// too; the tiny dry run overfits, so they are not judged). Returns the trained models, still on the device, for
/// the parity check (added to the caller's list as they are created, so the caller disposes them whatever happens).
/// </summary>
internal static class TrainingSection
{
    public static void Run(IReadOnlyList<ModelCase> cases, Device device, CheckSettings settings, Report report,
        List<(ModelCase Case, RecNetwork Model)> trained)
    {
        int steps = settings.Epochs * ((settings.TrainRows + settings.BatchSize - 1) / settings.BatchSize);
        foreach (var c in cases) report.Guard($"learns_{c.Name}", () =>
        {
            manual_seed(17);
            var model = c.Create();
            using var train = c.CollateTrain(0, settings.TrainRows, device);
            using var validation = c.CollateValidation(0, settings.ValidationRows, device);
            model.to(device);
            double before = Evaluator.Evaluate(model, validation)[MetricNames.Loss];

            var watch = Stopwatch.StartNew();
            var options = new TrainerOptions
            {
                Device = settings.Device, Optimizer = OptimizerKind.Adam, Epochs = settings.Epochs, BatchSize = settings.BatchSize,
                LearningRate = settings.LearningRate, Seed = 1,
            };
            var history = new Trainer(model, options).Fit(train, validation).History;
            double seconds = watch.Elapsed.TotalSeconds;

            var last = history[^1];
            double after = last.Validation[MetricNames.Loss];
            report.Line("TRAIN", c.Name, $"steps={steps} batch={settings.BatchSize} val_loss_before={Report.F(before)} " +
                $"train_loss_first_epoch={Report.F(history[0].TrainLoss)} train_loss_last_epoch={Report.F(last.TrainLoss)} " +
                $"val_loss_after={Report.F(after)} val_{c.AucMetric}={Report.F(last.Validation[c.AucMetric])} seconds={Report.F(seconds, "F1")}");
            report.Check($"learns_{c.Name}", double.IsFinite(last.TrainLoss) && last.TrainLoss < history[0].TrainLoss,
                $"train_loss {Report.F(history[0].TrainLoss)} -> {Report.F(last.TrainLoss)}");
            trained.Add((c, model));
        });
    }
}
