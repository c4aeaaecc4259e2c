// DIN on Amazon-Electronics-shaped data: the click depends on how similar the candidate product is to the user's
// history. DIN attends over the history with the candidate as the query; the same record trained as DeepFM averages
// the history instead, and is the baseline. Prints AUC and the group AUC (per user) of both next to the ceiling.
//
//   dotnet run -c Release --project examples/Din.Amazon [-- --epochs 8 --device cpu|cuda --rows 100000]

using System.Diagnostics;
using DinAmazon;
using RecDsl.Backend;
using RecDsl.Examples;
using RecDsl.Metrics;
using RecDsl.Models;
using RecDsl.Training;
using Spectre.Console;

var options = ExampleOptions.Parse(args, "Din.Amazon", defaultEpochs: 8, defaultRows: 100_000);
if (options is null) return 2;
if (options.DataPath is not null) return CsvInput.NotAvailableYet(options.DataPath);

AnsiConsole.MarkupLine("[bold]DIN on Amazon-Electronics-shaped data[/]");
AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} product views generated in code (seed {options.Seed}) with a planted, known " +
                       "click probability that grows with the number of history events in the candidate's category (see AmazonSynthetic.cs).");
var data = AmazonSynthetic.Generate(options.Rows, options.Seed);
AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; {data.PositiveRate * 100:F1}% clicks in the test rows.");

TorchSeed.Set(options.Seed);
var din = new ProductViewDin();
var deepFm = new ProductViewDeepFM(); // the baseline: same features, histories mean-pooled

// Both models read the same batches: one collator per record, whichever model creates it.
var collator = din.CreateCollator();
using var train = collator.Collate(data.Train);
using var validation = collator.Collate(data.Validation);
using var test = collator.Collate(data.Test); // carries the user ids ([Group]) for the group AUC

var dinResult = Train("DIN", din);
var deepFmResult = Train("DeepFM baseline", deepFm);
if (dinResult is null || deepFmResult is null) return 1;

var dinMetrics = Evaluator.Evaluate(din, test);
var deepFmMetrics = Evaluator.Evaluate(deepFm, test);
long[] users = data.Test.Select(view => (long)view.UserId).ToArray();
double bayesGauc = GroupAuc.Compute(data.TestLabels, data.TestTruth, users).Value;

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
    "DIN on synthetic Amazon-shaped data", ["auc", "gauc"], data.BayesAuc);
AnsiConsole.WriteLine($"DIN model saved to {modelPath}");
AnsiConsole.WriteLine($"Training curve (loss and AUC per epoch) saved to {curve}");
AnsiConsole.MarkupLine($"[bold]Test AUC: DIN {dinMetrics["auc"]:F4}, DeepFM {deepFmMetrics["auc"]:F4}[/] (Bayes AUC of the synthetic data {data.BayesAuc:F4}).");
return 0;

TrainingResult? Train(string name, RecNetwork model)
{
    AnsiConsole.MarkupLine($"[bold]Training {name}[/]");
    var trainer = new Trainer(model, AmazonTraining.Options(options.Epochs, options.Device, options.Seed));
    var clock = Stopwatch.StartNew();
    try
    {
        var result = TrainingProgressBar.Run(options.Epochs, "auc", progress => trainer.Fit(train, validation, progress));
        AnsiConsole.WriteLine($"{name}: best epoch {result.BestEpoch}, validation AUC {result.BestValue:F4}, {clock.Elapsed.TotalSeconds:F0} s");
        return result;
    }
    catch (RecDslBackendException e) // e.g. --device cuda on a machine without CUDA
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
        return null;
    }
}
