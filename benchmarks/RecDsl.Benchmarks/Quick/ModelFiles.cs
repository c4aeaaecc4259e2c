using System.Diagnostics;
using RecDsl.Backend;
using RecDsl.Benchmarks.Collators;
using RecDsl.Export;
using TorchSharp;

namespace RecDsl.Benchmarks.Quick;

/// <summary>
/// <c>files [--rounds N]</c>: how long the DeepFM Criteo shape (26 tables, 2.07M embedding rows, dimension 16; about
/// 143 MB of weights) takes to save, load and export (also with Float16 and Int8 embedding tables), and how much managed memory each allocates. One line per
/// operation: <c>FILES name best_ms= median_ms= managed_mb= file_mb= tensors_left=</c>, where tensors_left counts the
/// tensors a call left alive (0 unless something leaks to the finalizer).
/// </summary>
public static class ModelFiles
{
    public static int Run(string[] args)
    {
        int rounds = CommandLine.Int(args, "--rounds", 5);
        TorchBackend.EnsureLoaded();
        foreach (var line in MachineInfo.Describe()) Console.WriteLine(line);
        var folder = Path.Combine(Path.GetTempPath(), $"recdsl-files-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var model = new CriteoRowDeepFM();
            string saved = Path.Combine(folder, "model.recdsl"), onnx = Path.Combine(folder, "model.onnx");
            string weights = Path.Combine(folder, "model.safetensors");
            Time("save", rounds, () => model.Save(saved), saved);
            Time("load", rounds, () => CriteoRowDeepFM.Load(saved).Dispose(), null);
            Time("onnx_export", rounds, () => OnnxExporter.Export(model, onnx), onnx);
            Time("onnx_to_bytes", rounds, () => OnnxExporter.ToBytes(model), null);
            foreach (var storage in new[] { EmbeddingStorage.Float16, EmbeddingStorage.Int8 })
            {
                var options = new OnnxExportOptions { Embeddings = storage };
                var compact = Path.Combine(folder, $"model-{storage}.onnx".ToLowerInvariant());
                Time($"onnx_export_{storage.ToString().ToLowerInvariant()}", rounds, () => OnnxExporter.Export(model, compact, options), compact);
            }
            Time("safetensors_save", rounds, () => PyTorchExporter.SaveWeights(model, weights), weights);
            Time("safetensors_load", rounds, () => PyTorchExporter.LoadWeights(model, weights), null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        Console.WriteLine($"MACHINE load_at_end=\"{MachineInfo.LoadAverage()}\"");
        return 0;
    }

    private static void Time(string name, int rounds, Action call, string? file)
    {
        call(); // warm-up: JIT, and the file exists from here on
        var times = new List<double>();
        long managed = 0, left = 0;
        for (int round = 0; round < rounds; round++)
        {
            long alive = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            call();
            times.Add(clock.Elapsed.TotalMilliseconds);
            managed = Math.Max(managed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            left += DisposeScopeManager.Statistics.ThreadTotalLiveCount - alive;
        }
        var sorted = times.Order().ToArray();
        var size = file is null ? "" : $" file_mb={new FileInfo(file).Length / 1e6:F0}";
        Console.WriteLine($"FILES {name} best_ms={sorted[0]:F0} median_ms={sorted[sorted.Length / 2]:F0} managed_mb={managed / 1e6:F0}{size} tensors_left={left}");
    }
}
