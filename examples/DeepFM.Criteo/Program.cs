// DeepFM on Criteo-shaped click data: declare the record (CriteoAd.cs), let RecDsl generate the model, collator and
// CSV reader, train with a progress bar, compare the test AUC with the best possible one, save the model, reload it
// and predict with it.
//
//   dotnet run -c Release --project examples/DeepFM.Criteo [-- --epochs 12 --device cpu|cuda --rows 500000]
//   dotnet run -c Release --project examples/DeepFM.Criteo -- --data criteo.csv    (header: label,I1..I13,C1..C26)

using System.Diagnostics;
using DeepFmCriteo;
using RecDsl.Data;
using RecDsl.Examples;
using RecDsl.Training;
using Spectre.Console;

return ExampleMain.Run(args, "DeepFM.Criteo", defaultEpochs: 12, defaultRows: 500_000, Run);

static int Run(ExampleOptions options)
{
    AnsiConsole.MarkupLine("[bold]DeepFM on Criteo-shaped data[/]");
    var data = options.DataPath is null ? Synthetic(options) : CsvInput.Read(new CriteoAdCsvReader(), options.DataPath, options.Seed);
    AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; " +
                          $"{100.0 * data.Test.Count(r => r.Clicked) / data.Test.Length:F1}% clicks in the test rows.");

    // The generated model, with the hyperparameters declared on [DeepFM]. Collate once: the trainer keeps the whole
    // training set as tensors and cuts batches from it.
    TorchSeed.Set(options.Seed);
    var model = new CriteoAdDeepFM();
    var collator = model.CreateCollator();
    // Out-of-range ids and missing values go to each feature's OOV row (never an index error); it says how many.
    using var splits = SplitCollation.Collate(collator, data.Train, data.Validation, data.Test);
    var (train, validation, test) = splits;

    var trainer = new Trainer(model, CriteoTraining.Options(options.Epochs, options.Device, options.Seed));
    var clock = Stopwatch.StartNew();
    var result = TrainingProgressBar.Run(options.Epochs, "auc", progress => trainer.Fit(train, validation, progress));
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
    var predictions = new Table().Title("Reloaded model on the first test rows").AddColumns("P(click) predicted", "clicked");
    if (data.TestTruth is not null) predictions.AddColumn("P(click) planted");
    for (int i = 0; i < sample.Length; i++)
    {
        string[] cells = [predicted[i].ToString("F3"), sample[i].Clicked ? "yes" : "no"];
        predictions.AddRow(data.TestTruth is { } truth ? [.. cells, truth[i].ToString("F3")] : cells);
    }
    AnsiConsole.Write(predictions);

    var curve = TrainingCurve.Save(result.History, Path.Combine(options.OutputFolder, "training-curve.png"),
        "DeepFM on Criteo-shaped data", ["auc"], data.BayesAuc);
    AnsiConsole.WriteLine($"Model saved to {modelPath}");
    AnsiConsole.WriteLine($"Training curve (loss and AUC per epoch) saved to {curve}");
    AnsiConsole.MarkupLine($"[bold]Test AUC {metrics["auc"]:F4}[/]" + (data.BayesAuc is { } bayes ? $" (Bayes AUC of the synthetic data {bayes:F4})." : "."));
    return 0;
}

static DataSplit<CriteoAd> Synthetic(ExampleOptions options)
{
    AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} rows generated in code (seed {options.Seed}) with a planted, known " +
                           "click probability (per-value weights, four pairwise interactions, count effects; see CriteoSynthetic.cs).");
    return CriteoSynthetic.Generate(options.Rows, options.Seed);
}
