using RecDsl.Backend;
using RecDsl.Data;
using RecDsl.Training;
using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>The examples' entry point: options, then the run, with the errors a user's input can cause printed as
/// one red message (exit code 1) instead of a stack trace.</summary>
public static class ExampleMain
{
    /// <summary>Parses <paramref name="args"/> (usage and exit code 2 when they are wrong) and runs the example.</summary>
    public static int Run(string[] args, string example, int defaultEpochs, int defaultRows, Func<ExampleOptions, int> run)
    {
        var options = ExampleOptions.Parse(args, example, defaultEpochs, defaultRows);
        if (options is null) return 2;
        try
        {
            return run(options);
        }
        // No CUDA for --device cuda, a bad --data file, data the trainer refuses (no rows, one class in the
        // validation rows of a tiny --rows), a diverged run.
        catch (Exception e) when (e is RecDslBackendException or CsvDataException or ArgumentException or TrainingDivergedException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
    }
}
