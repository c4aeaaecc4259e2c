using RecDsl.Batching;
using RecDsl.Export;
using RecDsl.Models;
using RecDsl.Training;
using Shop;
using Shop.Funnel;
using TorchSharp;

namespace RecDsl.Generated.Tests.Models;

/// <summary>
/// Every public operation frees the tensors it makes. The GC does not see native or GPU memory, so a tensor left to
/// the finalizer holds its storage (on a GPU, device memory) for as long as the GC feels no pressure, even after the
/// model is disposed. TorchSharp counts the tensors alive on each thread; an operation run again on a warmed-up model
/// must leave that count where it was. Found this way: the ONNX export kept one handle per embedding table
/// (<see cref="Layers.EmbeddingTable.Weight"/> makes a new one on every read).
/// </summary>
public class TensorLifetimeTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"recdsl-lifetime-{Guid.NewGuid():N}");

    public TensorLifetimeTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static long Alive => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    /// <summary>Runs <paramref name="operation"/> once (a model makes some tensors once, on first use, and keeps
    /// them), then twice more, and asserts the second and third runs left no tensor alive.</summary>
    private static void LeavesNoTensor(string name, Action operation)
    {
        operation();
        var before = Alive;
        operation();
        operation();
        Assert.True(Alive == before, $"{name} left {(Alive - before) / 2.0} tensor(s) alive per call");
    }

    private static AdClick[] Clicks(int n) => Enumerable.Range(0, n).Select(i => new AdClick
    {
        UserId = i % 37, AdId = i % 11, Site = "s" + i % 5, Category = "c" + i % 7, Price = i % 13 / 13f, Clicked = i % 3 == 0,
    }).ToArray();

    private static ItemView[] Views(int n) => Enumerable.Range(0, n).Select(i => new ItemView
    {
        ItemId = i % 41, CategoryId = i % 9, History = Enumerable.Range(i % 7, i % 25).ToArray(),
        CategoryHistory = Enumerable.Range(0, i % 4).ToList(), Tags = new[] { "t" + i % 3 }, Age = i % 60, Clicked = i % 2,
    }).ToArray();

    private static Tracking.Impression[] Impressions(int n) => Enumerable.Range(0, n)
        .Select(i => new Tracking.Impression(i % 31, (DeviceKind)(i % 3), i % 2 == 0, new[] { "q" + i % 4 }, i % 10, i % 3 == 0, i % 9 == 0))
        .ToArray();

    /// <summary>Collate, train (with validation, early stopping, reduce-on-plateau, clipping and a checkpoint),
    /// resume, evaluate, predict, save, load, and export to ONNX and PyTorch.</summary>
    private void EveryOperation<T>(RecNetwork model, Func<T[], FeatureBatch> collate, Func<IEnumerable<T>, FeatureBatch> collateStream,
        Action<T[]> predict, Action<string> save, Func<string, IDisposable> load, T[] records)
    {
        var checkpoint = Path.Combine(folder, "run.ckpt");
        var options = new TrainerOptions
        {
            Epochs = 2, BatchSize = 64, CheckpointPath = checkpoint, EarlyStopping = new(Patience: 1),
            ReduceLrOnPlateau = new(), MaxGradientNorm = 1,
        };
        using var batch = collate(records);

        LeavesNoTensor("Collate", () => collate(records).Dispose());
        LeavesNoTensor("Collate (a stream)", () => collateStream(records.Select(r => r)).Dispose());
        LeavesNoTensor("Fit", () => new Trainer(model, options).Fit(batch, batch));
        // Without read-ahead: TorchSharp counts per thread, and read-ahead blocks are made on another thread than the
        // one that disposes them (StreamedTrainingTests checks that every such block is disposed).
        LeavesNoTensor("Fit on streamed blocks", () => new Trainer(model, options with { CheckpointPath = null, BlocksReadAhead = 0 })
            .Fit(() => records.Chunk(40).Select(chunk => collate(chunk)), batch));
        LeavesNoTensor("Fit with LazyAdam", () => new Trainer(model, options with { Optimizer = OptimizerKind.LazyAdam }).Fit(batch, batch));
        LeavesNoTensor("Resume", () =>
        {
            new Trainer(model, options with { Epochs = 1, EarlyStopping = null }).Fit(batch, batch);
            new Trainer(model, options with { EarlyStopping = null }).Resume(checkpoint, batch, batch);
        });
        LeavesNoTensor("Evaluate", () => Evaluator.Evaluate(model, batch));
        LeavesNoTensor("Predict", () => predict(records));
        var saved = Path.Combine(folder, "model.recdsl");
        LeavesNoTensor("Save", () => save(saved));
        LeavesNoTensor("Load and Dispose", () => load(saved).Dispose());
        LeavesNoTensor("OnnxExporter.ToBytes", () => OnnxExporter.ToBytes(model));
        foreach (var storage in new[] { EmbeddingStorage.Float16, EmbeddingStorage.Int8 })
            LeavesNoTensor($"OnnxExporter.ToBytes ({storage})", () => OnnxExporter.ToBytes(model, new OnnxExportOptions { Embeddings = storage }));
        LeavesNoTensor("PyTorchExporter.WriteRoundTrip", () => PyTorchExporter.WriteRoundTrip(model, batch, Path.Combine(folder, "pytorch")));
        LeavesNoTensor("ExportInputs.Arrays", () => ExportInputs.Arrays(model, batch));
    }

    [Fact]
    public void DeepFM_operations_free_their_tensors()
    {
        var records = Clicks(300);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        var collator = model.CreateCollator();
        EveryOperation(model, r => collator.Collate(r), r => collator.Collate(r), r => model.Predict(r), model.Save, AdClickDeepFM.Load, records);
    }

    [Fact]
    public void Wide_and_deep_operations_free_their_tensors()
    {
        var records = Clicks(300);
        using var model = new AdClickWideDeep(AdClickVocabulary.Fit(records));
        var collator = model.CreateCollator();
        EveryOperation(model, r => collator.Collate(r), r => collator.Collate(r), r => model.Predict(r), model.Save, AdClickWideDeep.Load, records);
    }

    [Fact]
    public void DIN_operations_free_their_tensors()
    {
        var records = Views(300);
        using var model = new ItemViewDin(ItemViewVocabulary.Fit(records));
        var collator = model.CreateCollator();
        EveryOperation(model, r => collator.Collate(r), r => collator.Collate(r), r => model.Predict(r), model.Save, ItemViewDin.Load, records);
    }

    [Fact]
    public void ESMM_operations_free_their_tensors()
    {
        var records = Impressions(300);
        using var model = new TrackingImpressionEsmm();
        var collator = model.CreateCollator();
        EveryOperation(model, r => collator.Collate(r), r => collator.Collate(r), r => model.Predict(r), model.Save, TrackingImpressionEsmm.Load, records);
    }
}
