// DeepFM on Criteo-shaped click data: declare the record (CriteoAd.cs), let RecDsl generate the model and collator,
// train with a progress bar, compare the test AUC with the best possible one, save the model, reload it, predict.
//
//   dotnet run -c Release --project examples/DeepFM.Criteo [-- --epochs 8 --device cpu|cuda --rows 200000]

using System.Diagnostics;
using DeepFmCriteo;
using RecDsl.Backend;
using RecDsl.Examples;
using RecDsl.Metrics;
using RecDsl.Training;
using Spectre.Console;

var options = ExampleOptions.Parse(args, "DeepFM.Criteo", defaultEpochs: 8, defaultRows: 200_000);
if (options is null) return 2;
if (options.DataPath is not null) return CsvInput.NotAvailableYet(options.DataPath);

AnsiConsole.MarkupLine("[bold]DeepFM on Criteo-shaped data[/]");
AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} rows generated in code (seed {options.Seed}) with a planted, known click " +
                       "probability (per-value weights, four pairwise interactions, numeric effects; see CriteoSynthetic.cs).");
var data = CriteoSynthetic.Generate(options.Rows, options.Seed);
AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; {data.PositiveRate * 100:F1}% clicks in the test rows.");

// The generated model, with the hyperparameters declared on [DeepFM]. Collate once: the trainer keeps the whole
// training set as tensors and cuts batches from it.
TorchSeed.Set(options.Seed);
var model = new CriteoAdDeepFM();
var collator = model.CreateCollator();
using var train = collator.Collate(data.Train);
using var validation = collator.Collate(data.Validation);
using var test = collator.Collate(data.Test);

var trainer = new Trainer(model, CriteoTraining.Options(options.Epochs, options.Device, options.Seed));

TrainingResult result;
var clock = Stopwatch.StartNew();
try
{
    result = TrainingProgressBar.Run(options.Epochs, "auc", progress => trainer.Fit(train, validation, progress));
}
catch (RecDslBackendException e) // e.g. --device cuda on a machine without CUDA
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
    return 1;
}
clock.Stop();

// Test metrics next to the ceiling: the same metrics computed from the true probabilities.
var metrics = Evaluator.Evaluate(model, test);
ResultTables.History(result.History, "auc");
ResultTables.Metrics($"Test set ({data.Test.Length:N0} rows), best epoch {result.BestEpoch}, trained in {clock.Elapsed.TotalSeconds:F0} s", [
    new MetricRow("AUC", metrics["auc"], data.BayesAuc),
    new MetricRow("log loss", metrics["logloss"], data.BayesLogLoss, HigherIsBetter: false),
]);

// Save the trained model (weights, hyperparameters, declaration fingerprint), load it back and predict with it.
Directory.CreateDirectory(options.OutputFolder);
var modelPath = Path.GetFullPath(Path.Combine(options.OutputFolder, "deepfm-criteo.recdsl"));
model.Save(modelPath);
using var reloaded = CriteoAdDeepFM.Load(modelPath);
var sample = data.Test.Take(5).ToArray();
var predicted = reloaded.Predict(sample);
var predictions = new Table().Title("Reloaded model on the first test rows").AddColumns("P(click) predicted", "P(click) planted", "clicked");
for (int i = 0; i < sample.Length; i++)
    predictions.AddRow(predicted[i].ToString("F3"), data.TestTruth[i].ToString("F3"), sample[i].Clicked ? "yes" : "no");
AnsiConsole.Write(predictions);

var curve = TrainingCurve.Save(result.History, Path.Combine(options.OutputFolder, "training-curve.png"),
    "DeepFM on synthetic Criteo-shaped data", ["auc"], data.BayesAuc);
AnsiConsole.WriteLine($"Model saved to {modelPath}");
AnsiConsole.WriteLine($"Training curve (loss and AUC per epoch) saved to {curve}");
AnsiConsole.MarkupLine($"[bold]Test AUC {metrics["auc"]:F4}[/] (Bayes AUC of the synthetic data {data.BayesAuc:F4}).");
return 0;
