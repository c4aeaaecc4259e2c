using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>The <c>--data path.csv</c> option. Reading CSV files needs the generated per-record CSV reader, which is
/// being built (issue 5); until it lands the examples say so instead of pretending.</summary>
public static class CsvInput
{
    /// <summary>Explains that <c>--data</c> is not available yet; returns the exit code to use.</summary>
    public static int NotAvailableYet(string path)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]--data {path}: training on a CSV file is not available yet.[/]");
        AnsiConsole.WriteLine("RecDsl's generated CSV reader is still being built. Run without --data to train on the built-in synthetic data.");
        return 2;
    }
}
