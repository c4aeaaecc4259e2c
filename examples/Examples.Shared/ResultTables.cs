using RecDsl.Training;
using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>One line of the final metrics table: what the model reached, and the ceiling the planted probabilities give.</summary>
/// <param name="Name">Metric, e.g. "AUC (test)".</param>
/// <param name="Model">The trained model's value.</param>
/// <param name="Bayes">The same metric computed from the true probabilities, or null when it has no such ceiling.</param>
/// <param name="HigherIsBetter">True for AUC, false for log loss (decides the sign of the gap).</param>
public sealed record MetricRow(string Name, double Model, double? Bayes, bool HigherIsBetter = true);

/// <summary>The tables every example prints: the per-epoch history and the final metrics against the Bayes ceiling.</summary>
public static class ResultTables
{
    /// <summary>Epoch, training loss, validation loss and the validation metrics named in <paramref name="metrics"/>.</summary>
    public static void History(IReadOnlyList<EpochRecord> history, params string[] metrics)
    {
        var table = new Table().Title("Training history").AddColumns("epoch", "train loss", "val loss");
        foreach (var metric in metrics) table.AddColumn("val " + metric);
        table.AddColumn("seconds");
        foreach (var epoch in history)
        {
            var cells = new List<string> { epoch.Epoch.ToString(), F(epoch.TrainLoss), F(epoch.Validation.GetValueOrDefault("loss", double.NaN)) };
            cells.AddRange(metrics.Select(m => F(epoch.Validation.GetValueOrDefault(m, double.NaN))));
            cells.Add(epoch.Seconds.ToString("F1"));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    /// <summary>The final metrics; the gap is how far the model is from the ceiling (0 = as good as the truth). Without
    /// any ceiling (data read from a file) only the model's values are shown.</summary>
    public static void Metrics(string title, IReadOnlyList<MetricRow> rows)
    {
        bool ceilings = rows.Any(r => r.Bayes is not null);
        var table = new Table().Title(title).AddColumns("metric", "model");
        if (ceilings) table.AddColumns("Bayes (true probabilities)", "gap");
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Name, F(row.Model) };
            if (ceilings && row.Bayes is { } bayes)
                cells.AddRange([F(bayes), F(row.HigherIsBetter ? bayes - row.Model : row.Model - bayes)]);
            else if (ceilings)
                cells.AddRange(["", ""]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F4");
}
