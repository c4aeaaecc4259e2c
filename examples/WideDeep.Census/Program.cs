// Wide & Deep on Census-shaped data: string categories through a fitted vocabulary, crossed columns for the wide
// part, raw numbers for the deep part. Trains with a progress bar and compares the test AUC with the best possible one.
//
//   dotnet run -c Release --project examples/WideDeep.Census [-- --epochs 8 --device cpu|cuda --rows 100000]
//   dotnet run -c Release --project examples/WideDeep.Census -- --data adults.csv   (columns named as CensusPerson's members)

using System.Diagnostics;
using RecDsl.Data;
using RecDsl.Examples;
using RecDsl.Training;
using Spectre.Console;
using WideDeepCensus;

return ExampleMain.Run(args, "WideDeep.Census", defaultEpochs: 8, defaultRows: 100_000, Run);

static int Run(ExampleOptions options)
{
    AnsiConsole.MarkupLine("[bold]Wide & Deep on Census-shaped data[/]");
    var data = options.DataPath is null ? Synthetic(options) : CsvInput.Read(new CensusPersonCsvReader(), options.DataPath, options.Seed);
    AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; " +
                          $"{100.0 * data.Test.Count(r => r.IncomeOver50K) / data.Test.Length:F1}% incomes over 50K in the test rows.");

    // String columns need a vocabulary: fit it on the training rows only. Values it has never seen (in validation,
    // test or production) go to the out-of-vocabulary row instead of failing.
    var vocabulary = CensusPersonVocabulary.Fit(data.Train, minCount: 5);
    TorchSeed.Set(options.Seed);
    var model = new CensusPersonWideDeep(vocabulary);
    var collator = model.CreateCollator();
    using var splits = SplitCollation.Collate(collator, data.Train, data.Validation, data.Test, "values seen fewer than 5 times in training, or never");
    var (train, validation, test) = splits;

    var trainer = new Trainer(model, CensusTraining.Options(options.Epochs, options.Device, options.Seed));
    var clock = Stopwatch.StartNew();
    var result = TrainingProgressBar.Run(options.Epochs, "auc", progress => trainer.Fit(train, validation, progress));
    clock.Stop();

    var metrics = Evaluator.Evaluate(model, test);
    ResultTables.History(result.History, "auc");
    ResultTables.Metrics($"Test set ({data.Test.Length:N0} rows), best epoch {result.BestEpoch}, trained in {clock.Elapsed.TotalSeconds:F0} s", [
        new MetricRow("AUC", metrics["auc"], data.BayesAuc),
        new MetricRow("log loss", metrics["logloss"], data.BayesLogLoss, HigherIsBetter: false),
    ]);

    // The saved model carries its vocabulary: CensusPersonWideDeep.Load(path) needs nothing else.
    Directory.CreateDirectory(options.OutputFolder);
    var modelPath = Path.GetFullPath(Path.Combine(options.OutputFolder, "widedeep-census.recdsl"));
    model.Save(modelPath);
    var curve = TrainingCurve.Save(result.History, Path.Combine(options.OutputFolder, "training-curve.png"),
        "Wide & Deep on Census-shaped data", ["auc"], data.BayesAuc);
    AnsiConsole.WriteLine($"Model saved to {modelPath}");
    AnsiConsole.WriteLine($"Training curve (loss and AUC per epoch) saved to {curve}");
    AnsiConsole.MarkupLine($"[bold]Test AUC {metrics["auc"]:F4}[/]" + (data.BayesAuc is { } bayes ? $" (Bayes AUC of the synthetic data {bayes:F4})." : "."));
    return 0;
}

static DataSplit<CensusPerson> Synthetic(ExampleOptions options)
{
    AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} adults generated in code (seed {options.Seed}) with a planted, known " +
                           "probability of an income over 50K (per-category weights, two memorised crosses, smooth age and hours effects; see CensusSynthetic.cs).");
    return CensusSynthetic.Generate(options.Rows, options.Seed);
}
