using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RecDsl.Backend;
using RecDsl.Benchmarks.Collators;
using RecDsl.Export;

namespace RecDsl.Benchmarks.Quick;

/// <summary>
/// <c>serving [--requests 1,16,256,4096] [--calls N]</c>: the latency of scoring one request of N records with the
/// DeepFM Criteo shape (26 fields, MLP 400-400-400 with BatchNorm), served in process by the generated
/// <c>Predict</c> or by ONNX Runtime on its export (the generated collator, then <see cref="ExportInputs"/>, then
/// <c>InferenceSession.Run</c>), side by side in one process, one intra-op thread each. One line per request size:
/// <c>LATENCY_US name rows=N median p90</c>, and the parts of the ONNX path, and the session's run with Float16 and
/// Int8 embedding tables (<see cref="EmbeddingStorage"/>). Both score the same rows; the largest
/// difference of their probabilities is printed as a check.
/// </summary>
public static class ServingLatency
{
    public static int Run(string[] args)
    {
        var sizes = CommandLine.Text(args, "--requests", "1,16,256,4096").Split(',').Select(int.Parse).ToArray();
        int calls = CommandLine.Int(args, "--calls", 0); // 0: as many as the request size suits
        TorchBackend.EnsureLoaded();
        foreach (var line in MachineInfo.Describe()) Console.WriteLine(line);
        using var model = new CriteoRowDeepFM();
        var collator = model.CreateCollator();
        var options = new SessionOptions { IntraOpNumThreads = TorchBackend.Threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(OnnxExporter.ToBytes(model), options);
        // The same model with compact embedding tables: a lookup then also converts its rows to Float32.
        using var float16 = new InferenceSession(OnnxExporter.ToBytes(model, new OnnxExportOptions { Embeddings = EmbeddingStorage.Float16 }), options);
        using var int8 = new InferenceSession(OnnxExporter.ToBytes(model, new OnnxExportOptions { Embeddings = EmbeddingStorage.Int8 }), options);
        Console.WriteLine($"SETTINGS model=CriteoRowDeepFM hidden=400-400-400 batchnorm=folded onnxruntime_threads={TorchBackend.Threads} torch_threads={TorchBackend.Threads}");
        var rows = CriteoRow.Random(sizes.Max(), seed: 5);

        foreach (var size in sizes)
        {
            var request = rows[..size];
            int n = calls > 0 ? calls : size >= 4096 ? 30 : size >= 256 ? 200 : 1000;
            float[] viaTorch = model.Predict(request), viaOnnx = Array.Empty<float>();

            using var collated = collator.Collate(request);
            var feeds = Feeds(ExportInputs.Arrays(model, collated));

            // Alternating rounds, so a burst of other work on the machine favours neither.
            var predict = new List<double>();
            var onnx = new List<double>();
            for (int round = 0; round < 3; round++)
            {
                predict.AddRange(Times(() => model.Predict(request), n / 3 + 1));
                onnx.AddRange(Times(() =>
                {
                    using var batch = collator.Collate(request);
                    using var results = session.Run(Feeds(ExportInputs.Arrays(model, batch)));
                    viaOnnx = results.First().AsTensor<float>().ToArray();
                }, n / 3 + 1));
            }
            var exportInputs = Times(() => ExportInputs.Arrays(model, collated), n);
            List<double> run = new(), runFloat16 = new(), runInt8 = new();
            for (int round = 0; round < 3; round++)
            {
                run.AddRange(Times(() => { using var results = session.Run(feeds); }, n / 3 + 1));
                runFloat16.AddRange(Times(() => { using var results = float16.Run(feeds); }, n / 3 + 1));
                runInt8.AddRange(Times(() => { using var results = int8.Run(feeds); }, n / 3 + 1));
            }

            Print("predict", size, predict);
            Print("onnx_total", size, onnx);
            Print("onnx_export_inputs", size, exportInputs);
            Print("onnx_session_run", size, run);
            Print("onnx_session_run_float16", size, runFloat16);
            Print("onnx_session_run_int8", size, runInt8);
            Console.WriteLine($"RATIO onnx_vs_predict_rows={size} {Median(predict) / Median(onnx):F2}");
            Console.WriteLine($"CHECK rows={size} max_abs_diff={viaTorch.Zip(viaOnnx, (a, b) => Math.Abs(a - b)).Max():E1}");
        }
        Console.WriteLine($"MACHINE load_at_end=\"{MachineInfo.LoadAverage()}\"");
        return 0;
    }

    private static List<NamedOnnxValue> Feeds(Dictionary<string, ExportInput> inputs) =>
        inputs.Select(p => p.Value.Values is long[] ids
            ? NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<long>(ids, p.Value.Shape))
            : NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>((float[])p.Value.Values, p.Value.Shape))).ToList();

    // Microseconds per call, after half a second of calls: .NET re-compiles a method it has called 30 times about
    // 100 ms later (tiered compilation), and the first round of small requests measured the slower first code
    // (160 us instead of 115 us for one row).
    private static List<double> Times(Action call, int calls)
    {
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 10 || warm.ElapsedMilliseconds < 500; i++) call();
        var times = new List<double>(calls);
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        return times;
    }

    private static double Median(List<double> times) => Percentile(times, 0.5);

    private static double Percentile(List<double> times, double q)
    {
        var sorted = times.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static void Print(string name, int rows, List<double> times) =>
        Console.WriteLine($"LATENCY_US {name} rows={rows} median={Median(times):F0} p90={Percentile(times, 0.9):F0}");
}
