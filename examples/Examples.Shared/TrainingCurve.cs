using RecDsl.Training;
using ScottPlot;

namespace RecDsl.Examples;

/// <summary>Draws loss and validation AUC per epoch into a PNG (ScottPlot): the first thing to look at when a model
/// does not learn, or overfits.</summary>
public static class TrainingCurve
{
    /// <summary>Writes the curve of <paramref name="history"/> to <paramref name="path"/> and returns its full path.</summary>
    /// <param name="history">The trainer's per-epoch records.</param>
    /// <param name="path">The PNG file; its folder is created.</param>
    /// <param name="title">Title over both panels.</param>
    /// <param name="aucMetrics">Validation AUC metrics to draw ("auc", or ESMM's "ctr_auc", "ctcvr_auc", ...).</param>
    /// <param name="bayesAuc">The Bayes AUC of the test rows, drawn as a dashed line (the ceiling), or null.</param>
    public static string Save(IReadOnlyList<EpochRecord> history, string path, string title, IReadOnlyList<string> aucMetrics, double? bayesAuc)
    {
        double[] epochs = history.Select(e => (double)e.Epoch).ToArray();

        var loss = new Plot();
        loss.Title(title);
        loss.Add.ScatterLine(epochs, history.Select(e => e.TrainLoss).ToArray()).LegendText = "train loss";
        if (history.Any(e => e.Validation.ContainsKey("loss")))
            loss.Add.ScatterLine(epochs, history.Select(e => e.Validation.GetValueOrDefault("loss", double.NaN)).ToArray()).LegendText = "validation loss";
        loss.YLabel("loss");
        loss.ShowLegend(Alignment.UpperRight);

        var auc = new Plot();
        foreach (var metric in aucMetrics)
            auc.Add.ScatterLine(epochs, history.Select(e => e.Validation.GetValueOrDefault(metric, double.NaN)).ToArray()).LegendText = "validation " + metric;
        if (bayesAuc is { } ceiling)
        {
            var line = auc.Add.HorizontalLine(ceiling);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"Bayes AUC of the test rows ({ceiling:F3})";
        }
        auc.XLabel("epoch");
        auc.YLabel("AUC");
        auc.ShowLegend(Alignment.LowerRight);

        foreach (var plot in new[] { loss, auc })
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var figure = new Multiplot();
        figure.Reset(loss); // a new Multiplot holds one empty plot: replace it
        figure.AddPlot(auc);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        figure.SavePng(fullPath, 900, 800);
        return fullPath;
    }
}
