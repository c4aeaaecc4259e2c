using RecDsl.Benchmarks.Collators;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Saved models and checkpoints of a model on the device, with tensors of several parts: the Criteo-shape DeepFM at
/// dimension 16 has a 132 MB fused embedding weight (and as large optimizer moments), two parts of the file format
/// (<see cref="TensorFormat.PartBytes"/>, 64 MB), so each is copied to the host and back in pieces. The model trains one
/// epoch with a checkpoint, is saved and loaded (on the CPU), and the checkpoint is resumed into a fresh model on the
/// device with nothing left to train: both must hold the trained state bitwise. Nothing is recomputed, so the bound is exact on CUDA too.
/// The ONNX exports (Float32, Float16 and Int8 tables) of the model on the device must equal those of its CPU copy.
/// </summary>
internal static class FilesSection
{
    public const int Dim = 16;

    public static void Run(Device device, CheckSettings settings, Report report) => report.Guard("files_criteo", () =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"recdsl-gpucheck-files-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            Check(device, settings, report, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    private static void Check(Device device, CheckSettings settings, Report report, string folder)
    {
        var options = CriteoRowDeepFM.DeclaredOptions with { Hidden = settings.CriteoHidden };
        using var data = new CriteoRowCollator().Collate(CriteoRow.Random(settings.TrainRows, seed: 9));
        var checkpoint = Path.Combine(folder, "criteo.ckpt");
        var trainer = new TrainerOptions { Device = settings.Device, Epochs = 1, BatchSize = settings.BatchSize, CheckpointPath = checkpoint, Seed = 3 };

        using var trained = new CriteoRowDeepFM(options, Dim);
        new Trainer(trained, trainer).Fit(data);
        var saved = Path.Combine(folder, "criteo.recdsl");
        trained.Save(saved);
        using var loaded = CriteoRowDeepFM.Load(saved);
        using var resumed = new CriteoRowDeepFM(options, Dim);
        resumed.to(device);
        var run = new Trainer(resumed, trainer).Resume(checkpoint, data);

        long largest = trained.state_dict().Values.Max(t => t.numel() * t.ElementSize);
        bool loadSame = SameState(trained, loaded), resumeSame = SameState(trained, resumed);
        report.Check("files_criteo", loadSame && resumeSame && run.History.Count == 1,
            $"device={device} largest_tensor_mb={Report.F(largest / 1e6, "F1")} parts={(largest + TensorFormat.PartBytes - 1) / TensorFormat.PartBytes} " +
            $"checkpoint_mb={Report.F(new FileInfo(checkpoint).Length / 1e6, "F0")} save_load={(loadSame ? "bitwise" : "DIFFERENT")} " +
            $"resume={(resumeSame ? "bitwise" : "DIFFERENT")}");

        // The ONNX exports read the weights where they are: computed from the tables on the device (Float16 rounding,
        // Int8 scales and rounding included), they must be byte for byte the exports of the same weights on the CPU.
        foreach (var storage in Enum.GetValues<RecDsl.Export.EmbeddingStorage>())
        {
            var exportOptions = new RecDsl.Export.OnnxExportOptions { Embeddings = storage };
            byte[] onDevice = RecDsl.Export.OnnxExporter.ToBytes(trained, exportOptions), onCpu = RecDsl.Export.OnnxExporter.ToBytes(loaded, exportOptions);
            var name = "onnx_export_" + storage.ToString().ToLowerInvariant();
            report.Check(name, onDevice.AsSpan().SequenceEqual(onCpu),
                $"device={device} bytes={onDevice.Length} same_as_cpu={onDevice.AsSpan().SequenceEqual(onCpu)}");
        }
    }

    private static bool SameState(RecNetwork expected, RecNetwork actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        if (!a.Keys.Order().SequenceEqual(b.Keys.Order())) return false;
        using var scope = NewDisposeScope();
        return a.All(kv => kv.Value.cpu().equal(b[kv.Key].cpu()).all().item<bool>());
    }
}
