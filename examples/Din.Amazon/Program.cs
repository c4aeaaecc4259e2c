// DIN on Amazon-Electronics-shaped data: the click depends on how similar the candidate product is to the user's
// history. DIN attends over the history with the candidate as the query; the same record trained as DeepFM averages
// the history instead, and is the baseline. Prints AUC and the group AUC (per user) of both next to the ceiling.
//
//   dotnet run -c Release --project examples/Din.Amazon [-- --epochs 12 --device cpu|cuda --rows 200000]
//   dotnet run -c Release --project examples/Din.Amazon -- --data views.csv
//       (columns UserId,ItemId,CategoryId,ItemHistory,CategoryHistory,Clicked; histories as 3|17|42, oldest first)

using System.Diagnostics;
using DinAmazon;
using RecDsl.Data;
using RecDsl.Examples;
using RecDsl.Metrics;
using RecDsl.Models;
using RecDsl.Training;
using Spectre.Console;

return ExampleMain.Run(args, "Din.Amazon", defaultEpochs: 12, defaultRows: 200_000, Run);

static int Run(ExampleOptions options)
{
    AnsiConsole.MarkupLine("[bold]DIN on Amazon-Electronics-shaped data[/]");
    var data = options.DataPath is null ? Synthetic(options) : CsvInput.Read(new ProductViewCsvReader(), options.DataPath, options.Seed);
    AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; " +
                          $"{100.0 * data.Test.Count(r => r.Clicked) / data.Test.Length:F1}% clicks in the test rows.");

    TorchSeed.Set(options.Seed);
    var din = new ProductViewDin();
    var deepFm = new ProductViewDeepFM(); // the baseline: same features, histories mean-pooled

    // Both models read the same batches: one collator per record, whichever model creates it.
    var collator = din.CreateCollator();
    // Out-of-range ids and missing values go to each feature's OOV row (never an index error); it says how many.
    using var splits = SplitCollation.Collate(collator, data.Train, data.Validation, data.Test);
    var (train, validation, test) = splits;
    // test carries the user ids ([Group]) for the group AUC.

    var dinResult = Train("DIN", din, options, train, validation);
    var deepFmResult = Train("DeepFM baseline", deepFm, options, train, validation);

    var dinMetrics = Evaluator.Evaluate(din, test);
    var deepFmMetrics = Evaluator.Evaluate(deepFm, test);
    double? bayesGauc = data.IsPlanted
        ? GroupAuc.Compute(data.TestLabels!, data.TestTruth!, data.Test.Select(view => (long)view.UserId).ToArray()).Value
        : null;

    ResultTables.History(dinResult.History, "auc", "gauc");
    ResultTables.Metrics($"Test set ({data.Test.Length:N0} rows)", [
        new MetricRow("DIN AUC", dinMetrics["auc"], data.BayesAuc),
        new MetricRow("DIN gAUC (per user)", dinMetrics["gauc"], bayesGauc),
        new MetricRow("DeepFM (mean-pooled history) AUC", deepFmMetrics["auc"], data.BayesAuc),
        new MetricRow("DeepFM (mean-pooled history) gAUC", deepFmMetrics["gauc"], bayesGauc),
    ]);

    Directory.CreateDirectory(options.OutputFolder);
    var modelPath = Path.GetFullPath(Path.Combine(options.OutputFolder, "din-amazon.recdsl"));
    din.Save(modelPath);
    var curve = TrainingCurve.Save(dinResult.History, Path.Combine(options.OutputFolder, "training-curve.png"),
        "DIN on Amazon-shaped data", ["auc", "gauc"], data.BayesAuc);
    AnsiConsole.WriteLine($"DIN model saved to {modelPath}");
    AnsiConsole.WriteLine($"Training curve (loss and AUC per epoch) saved to {curve}");
    AnsiConsole.MarkupLine($"[bold]Test AUC: DIN {dinMetrics["auc"]:F4}, DeepFM {deepFmMetrics["auc"]:F4}[/]" +
                           (data.BayesAuc is { } bayes ? $" (Bayes AUC of the synthetic data {bayes:F4})." : "."));
    return 0;
}

static TrainingResult Train(string name, RecNetwork model, ExampleOptions options, ProductViewBatch train, ProductViewBatch validation)
{
    AnsiConsole.MarkupLine($"[bold]Training {name}[/]");
    var trainer = new Trainer(model, AmazonTraining.Options(options.Epochs, options.Device, options.Seed));
    var clock = Stopwatch.StartNew();
    var result = TrainingProgressBar.Run(options.Epochs, "auc", progress => trainer.Fit(train, validation, progress));
    AnsiConsole.WriteLine($"{name}: best epoch {result.BestEpoch}, validation AUC {result.BestValue:F4}, {clock.Elapsed.TotalSeconds:F0} s");
    return result;
}

static DataSplit<ProductView> Synthetic(ExampleOptions options)
{
    AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} product views generated in code (seed {options.Seed}) with a planted, known " +
                           "click probability that grows with the number of history events in the candidate's category (see AmazonSynthetic.cs).");
    return AmazonSynthetic.Generate(options.Rows, options.Seed);
}
