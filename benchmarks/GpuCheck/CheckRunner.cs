using System.Diagnostics;
using RecDsl.Backend;
using RecDsl.GpuCheck.Sections;
using RecDsl.Models;

namespace RecDsl.GpuCheck;

/// <summary>
/// Runs the whole check: backend and device, collators onto the device, the four generated models trained, CPU/GPU
/// parity, checkpoint and resume on the device, saved models and checkpoints with tensors of several parts, Criteo-shape DeepFM and Amazon-shape DIN throughput. Exit code: 0 every check passed, 1 a check failed, 2 bad arguments,
/// 3 the device or backend was refused (message printed). Throughput targets are printed, not enforced.
/// </summary>
public static class CheckRunner
{
    /// <summary>Runs with <paramref name="args"/>, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var report = new Report(output);
        CheckSettings settings;
        try
        {
            if (args.Count > 0 && args[0] == "--probe") return ProbeMode.Run(args, report);
            settings = CheckSettings.Parse(args);
        }
        catch (ArgumentException e)
        {
            report.Line("GPUCHECK", "usage", e.Message);
            return 2;
        }

        var total = Stopwatch.StartNew();
        report.Line("GPUCHECK", "start", $"device={settings.Device} dry_run={settings.DryRun} train_rows={settings.TrainRows} " +
            $"batch={settings.BatchSize} epochs={settings.Epochs} throughput_batches={string.Join(",", settings.ThroughputBatches)}");
        try
        {
            TorchSharp.torch.Device device;
            try
            {
                device = BackendSection.Run(settings, report);
            }
            catch (ArgumentException e)
            {
                report.Line("GPUCHECK", "usage", e.Message);
                return 2;
            }
            var cases = ModelCase.All(settings);
            Timed(report, "collate", () => CollatorSection.Run(cases, device, settings, report));
            var trained = new List<(ModelCase Case, RecNetwork Model)>();
            try
            {
                Timed(report, "train", () => TrainingSection.Run(cases, device, settings, report, trained));
                Timed(report, "parity", () => ParitySection.Run(trained, device, settings, report));
            }
            finally
            {
                foreach (var (_, model) in trained) model.Dispose();
            }
            Timed(report, "resume", () => ResumeSection.Run(cases, device, settings, report));
            Timed(report, "streamed", () => StreamedSection.Run(cases, device, settings, report));
            Timed(report, "files", () => FilesSection.Run(device, settings, report));
            Timed(report, "throughput", () => ThroughputSection.Run(device, settings, report));
            Timed(report, "din_throughput", () => DinThroughputSection.Run(device, settings, report));
        }
        catch (RecDslBackendException e)
        {
            BackendSection.Print(report); // where libtorch came from, for the one GPU run that has to explain itself
            report.Line("GPUCHECK", "ERROR", e.Message);
            return 3;
        }

        bool passed = report.Failures.Count == 0;
        var targets = report.MissedTargets.Count == 0 ? "" : $" targets_not_met={string.Join(",", report.MissedTargets)}";
        report.Line("GPUCHECK", passed ? "PASS" : "FAIL",
            $"seconds={Report.F(total.Elapsed.TotalSeconds, "F1")} failed={(passed ? "none" : string.Join(",", report.Failures))}{targets}");
        return passed ? 0 : 1;
    }

    private static void Timed(Report report, string section, Action run)
    {
        var watch = Stopwatch.StartNew();
        report.Guard($"section_{section}", run);
        report.Line("SECTION", section, $"seconds={Report.F(watch.Elapsed.TotalSeconds, "F1")}");
    }
}
