// ESMM on Ali-CCP-shaped data: click and purchase, where a purchase is only observed after a click. ESMM trains on
// every impression and reports the paper's three AUCs: CTR and CTCVR on all impressions, CVR on clicked ones.
//
//   dotnet run -c Release --project examples/Esmm.AliCcp [-- --epochs 12 --device cpu|cuda --rows 1000000]
//   dotnet run -c Release --project examples/Esmm.AliCcp -- --data impressions.csv
//       (columns UserId,UserSegment,ItemId,CategoryId,LogPrice,Clicked,Purchased)

using System.Diagnostics;
using EsmmAliCcp;
using RecDsl.Data;
using RecDsl.Examples;
using RecDsl.Training;
using Spectre.Console;

return ExampleMain.Run(args, "Esmm.AliCcp", defaultEpochs: 12, defaultRows: 1_000_000, Run);

static int Run(ExampleOptions options)
{
    AnsiConsole.MarkupLine("[bold]ESMM on Ali-CCP-shaped data[/]");
    var data = options.DataPath is null ? Synthetic(options) : AliCcpSplit.FromFile(CsvInput.Read(ReaderWithAudit(), options.DataPath, options.Seed));
    int clicks = data.Test.Count(r => r.Clicked), purchases = data.Test.Count(r => r.Purchased);
    AnsiConsole.WriteLine($"{data.Train.Length:N0} training, {data.Validation.Length:N0} validation and {data.Test.Length:N0} test rows; " +
                          $"in the test rows {clicks:N0} clicks ({100.0 * clicks / data.Test.Length:F1}%) and {purchases:N0} purchases.");

    TorchSeed.Set(options.Seed);
    var model = new ImpressionEsmm();
    var collator = model.CreateCollator();
    // Out-of-range ids and missing values go to each feature's OOV row (never an index error); it says how many.
    using var splits = SplitCollation.Collate(collator, data.Train, data.Validation, data.Test);
    var (train, validation, test) = splits;

    var trainer = new Trainer(model, AliCcpTraining.Options(options.Epochs, options.Device, options.Seed));
    var clock = Stopwatch.StartNew();
    var result = TrainingProgressBar.Run(options.Epochs, "ctcvr_auc", progress => trainer.Fit(train, validation, progress));
    clock.Stop();

    var metrics = Evaluator.Evaluate(model, test);
    var bayes = data.Bayes;
    ResultTables.History(result.History, "ctr_auc", "ctcvr_auc", "cvr_auc");
    ResultTables.Metrics($"Test set ({data.Test.Length:N0} rows), best epoch {result.BestEpoch}, trained in {clock.Elapsed.TotalSeconds:F0} s", [
        new MetricRow("CTR AUC (all impressions)", metrics["ctr_auc"], bayes?.CtrAuc),
        new MetricRow("CTCVR AUC (all impressions)", metrics["ctcvr_auc"], bayes?.CtcvrAuc),
        new MetricRow($"CVR AUC ({clicks:N0} clicked impressions)", metrics["cvr_auc"], bayes?.CvrAuc),
    ]);

    // Predict returns the trio for each impression; pCTCVR ranks impressions by expected purchases.
    var sample = data.Test.Take(5).ToArray();
    var p = model.Predict(sample);
    var table = new Table().Title("First test impressions").AddColumns("pCTR", "pCVR", "pCTCVR", "clicked", "purchased");
    for (int i = 0; i < sample.Length; i++)
        table.AddRow(p.Ctr[i].ToString("F3"), p.Cvr[i].ToString("F3"), p.Ctcvr[i].ToString("F4"), sample[i].Clicked ? "yes" : "no", sample[i].Purchased ? "yes" : "no");
    AnsiConsole.Write(table);

    Directory.CreateDirectory(options.OutputFolder);
    var modelPath = Path.GetFullPath(Path.Combine(options.OutputFolder, "esmm-aliccp.recdsl"));
    model.Save(modelPath);
    var curve = TrainingCurve.Save(result.History, Path.Combine(options.OutputFolder, "training-curve.png"),
        "ESMM on Ali-CCP-shaped data", ["ctr_auc", "ctcvr_auc", "cvr_auc"], bayesAuc: null);
    AnsiConsole.WriteLine($"Model saved to {modelPath}");
    AnsiConsole.WriteLine($"Training curve (loss and AUCs per epoch) saved to {curve}");
    AnsiConsole.MarkupLine($"[bold]Test AUC: CTR {metrics["ctr_auc"]:F4}, CTCVR {metrics["ctcvr_auc"]:F4}, CVR {metrics["cvr_auc"]:F4}[/]" +
                           (bayes is { } b ? $" (Bayes: {b.CtrAuc:F4}, {b.CtcvrAuc:F4}, {b.CvrAuc:F4})." : "."));
    return 0;
}

// A purchase logged without a click is a data error (a broken join): the audit reports it with file and line.
static ImpressionCsvReader ReaderWithAudit()
{
    var audit = new EsmmLabelAudit();
    return new ImpressionCsvReader { Validate = row => audit.Check(row.Clicked, row.Purchased) };
}

static AliCcpSplit Synthetic(ExampleOptions options)
{
    AnsiConsole.MarkupLine($"[yellow]The data is synthetic[/]: {options.Rows:N0} impressions generated in code (seed {options.Seed}) with planted, known " +
                           "click and purchase probabilities (see AliCcpSynthetic.cs).");
    return AliCcpSynthetic.Generate(options.Rows, options.Seed);
}
