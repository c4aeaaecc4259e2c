using RecDsl.Metrics;

namespace RecDsl.Examples;

/// <summary>Rows split 80/10/10 into train, validation and test. Synthetic rows also carry the planted (true)
/// probability of every test row's label, which gives the ceiling no model can expect to beat: the Bayes AUC.</summary>
/// <param name="Train">Rows the model learns from.</param>
/// <param name="Validation">Rows scored after every epoch (early stopping, the progress bar and the curve use them).</param>
/// <param name="Test">Rows the final metrics are computed on.</param>
/// <param name="TestTruth">The planted probability of each test row's label; null for data read from a file.</param>
/// <param name="TestLabels">Each test row's label (0 or 1), as drawn from <paramref name="TestTruth"/>; null for data read from a file.</param>
public sealed record DataSplit<T>(T[] Train, T[] Validation, T[] Test, float[]? TestTruth = null, float[]? TestLabels = null)
{
    /// <summary>True when the rows were generated with a known probability.</summary>
    public bool IsPlanted => TestTruth is not null && TestLabels is not null;

    /// <summary>The AUC of the true probabilities on the test rows, or null without them.</summary>
    public double? BayesAuc => IsPlanted ? RocAuc.Compute(TestLabels!, TestTruth!) : null;

    /// <summary>The log loss of the true probabilities on the test rows, or null without them.</summary>
    public double? BayesLogLoss => IsPlanted ? LogLoss.Compute(TestLabels!, TestTruth!) : null;

    /// <summary>Splits generated rows with their truth and label: the first 80% train, the next 10% validation, the
    /// rest test (the rows are drawn independently, so their order carries no information).</summary>
    public static DataSplit<T> Planted(IReadOnlyList<(T Row, double Truth, bool Label)> rows)
    {
        var (train, validation, test) = Split(rows);
        return new DataSplit<T>(train.Select(r => r.Row).ToArray(), validation.Select(r => r.Row).ToArray(),
            test.Select(r => r.Row).ToArray(), test.Select(r => (float)r.Truth).ToArray(), test.Select(r => r.Label ? 1f : 0f).ToArray());
    }

    /// <summary>Splits rows read from a file after shuffling them with <paramref name="seed"/> (files are often sorted
    /// by time or user, and the three parts should look alike).</summary>
    public static DataSplit<T> Shuffled(IReadOnlyList<T> rows, int seed)
    {
        var shuffled = rows.ToArray();
        new Random(seed).Shuffle(shuffled);
        var (train, validation, test) = Split(shuffled);
        return new DataSplit<T>(train, validation, test);
    }

    private static (TRow[] Train, TRow[] Validation, TRow[] Test) Split<TRow>(IReadOnlyList<TRow> rows)
    {
        int train = rows.Count * 8 / 10;
        int validation = rows.Count / 10;
        return (rows.Take(train).ToArray(), rows.Skip(train).Take(validation).ToArray(), rows.Skip(train + validation).ToArray());
    }
}
