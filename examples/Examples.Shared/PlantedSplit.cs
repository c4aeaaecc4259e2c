using RecDsl.Metrics;

namespace RecDsl.Examples;

/// <summary>Synthetic rows split 80/10/10 into train, validation and test, with the planted (true) probability of
/// every test row's label.</summary>
/// <param name="Train">Rows the model learns from.</param>
/// <param name="Validation">Rows scored after every epoch (the progress bar and the curve show them).</param>
/// <param name="Test">Rows the final metrics are computed on.</param>
/// <param name="TestTruth">The planted probability of each test row's label.</param>
/// <param name="TestLabels">Each test row's label (0 or 1), as drawn from <paramref name="TestTruth"/>.</param>
public sealed record PlantedSplit<T>(T[] Train, T[] Validation, T[] Test, float[] TestTruth, float[] TestLabels)
{
    /// <summary>The AUC of the true probabilities on the test rows: no model can expect to do better.</summary>
    public double BayesAuc => RocAuc.Compute(TestLabels, TestTruth);

    /// <summary>The share of positive labels in the test rows.</summary>
    public double PositiveRate => TestLabels.Length == 0 ? double.NaN : TestLabels.Average();

    /// <summary>The log loss of the true probabilities on the test rows.</summary>
    public double BayesLogLoss => LogLoss.Compute(TestLabels, TestTruth);

    /// <summary>Splits rows generated with their truth and label: the first 80% train, the next 10% validation, the
    /// rest test (the rows are drawn independently, so order carries no information).</summary>
    public static PlantedSplit<T> From(IReadOnlyList<(T Row, double Truth, bool Label)> rows)
    {
        int train = rows.Count * 8 / 10;
        int validation = rows.Count / 10;
        var test = rows.Skip(train + validation).ToArray();
        return new PlantedSplit<T>(
            rows.Take(train).Select(r => r.Row).ToArray(),
            rows.Skip(train).Take(validation).Select(r => r.Row).ToArray(),
            test.Select(r => r.Row).ToArray(),
            test.Select(r => (float)r.Truth).ToArray(),
            test.Select(r => r.Label ? 1f : 0f).ToArray());
    }
}
