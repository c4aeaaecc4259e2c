using System.Globalization;
using RecDsl.Backend;

namespace RecDsl.Examples;

/// <summary>The command line every example understands.</summary>
/// <param name="Device">"cpu", "cuda" or "cuda:N" (<c>--device</c>).</param>
/// <param name="Epochs">Passes over the training data (<c>--epochs</c>).</param>
/// <param name="Rows">Synthetic rows to generate, train + validation + test (<c>--rows</c>).</param>
/// <param name="Seed">Seed of the synthetic data and of the trainer (<c>--seed</c>).</param>
/// <param name="DataPath">A CSV file to train on instead of synthetic data (<c>--data</c>), or null.</param>
/// <param name="OutputFolder">Where the model and the training-curve PNG go (<c>--out</c>).</param>
public sealed record ExampleOptions(string Device, int Epochs, int Rows, int Seed, string? DataPath, string OutputFolder)
{
    /// <summary>Parses <paramref name="args"/>; on <c>--help</c> or a bad argument it prints the usage and returns null.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="example">The example's name, e.g. "DeepFM.Criteo" (usage line and default output folder).</param>
    /// <param name="defaultEpochs">Epochs when <c>--epochs</c> is not given.</param>
    /// <param name="defaultRows">Rows when <c>--rows</c> is not given.</param>
    public static ExampleOptions? Parse(string[] args, string example, int defaultEpochs, int defaultRows)
    {
        var options = new ExampleOptions("cpu", defaultEpochs, defaultRows, 1, null, Path.Combine("out", example));
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help") return Usage(example, defaultEpochs, defaultRows, error: null);
            if (i + 1 >= args.Length) return Usage(example, defaultEpochs, defaultRows, $"{name} needs a value.");
            string value = args[++i];
            switch (name)
            {
                case "--device" when IsDeviceName(value):
                    options = options with { Device = value };
                    break;
                case "--epochs" when PositiveInt(value) is { } epochs:
                    options = options with { Epochs = epochs };
                    break;
                case "--rows" when PositiveInt(value) is { } rows:
                    options = options with { Rows = rows };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed):
                    options = options with { Seed = seed };
                    break;
                case "--data":
                    options = options with { DataPath = value };
                    break;
                case "--out":
                    options = options with { OutputFolder = value };
                    break;
                default:
                    return Usage(example, defaultEpochs, defaultRows, $"Unknown option or bad value: {name} {value}");
            }
        }
        return options;
    }

    // A typo ("gpu") is a usage error before any data is generated; whether CUDA is there is checked when training.
    private static bool IsDeviceName(string text)
    {
        try
        {
            DeviceSelection.Parse(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int? PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;

    private static ExampleOptions? Usage(string example, int defaultEpochs, int defaultRows, string? error)
    {
        if (error is not null) Console.Error.WriteLine(error);
        Console.Error.WriteLine($"""
            usage: dotnet run -c Release --project examples/{example} -- [options]
              --device cpu|cuda|cuda:N   where to train (default cpu)
              --epochs N                 passes over the training data (default {defaultEpochs})
              --rows N                   synthetic rows: 80% train, 10% validation, 10% test (default {defaultRows})
              --seed N                   seed of the synthetic data and the training (default 1)
              --data path.csv            train on a CSV file (columns named as the record's members) instead
              --out folder               where the model and the training curve go (default out/{example})
            """);
        return null;
    }
}
