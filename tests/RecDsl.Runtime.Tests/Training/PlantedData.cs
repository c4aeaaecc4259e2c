using RecDsl.Batching;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>Rows with a known click probability: <c>p = sigmoid(x·w + b + itemEffect[id])</c>, labels drawn
/// from it. The true probabilities give the Bayes AUC, the ceiling of any model.</summary>
internal sealed class PlantedData
{
    public static readonly double[] TrueWeights = [1.2, -0.8, 0.5, 0.0];
    public const double TrueBias = -0.3;

    public required float[] Dense { get; init; }     // [n, Dense] row-major
    public required long[] Ids { get; init; }
    public required float[] Labels { get; init; }
    public required float[] TrueProbabilities { get; init; }
    public required long[] Groups { get; init; }
    public int Count => Labels.Length;

    /// <param name="flipLabels">Labels drawn from 1 - p: data that rewards the opposite model.</param>
    public static PlantedData Logistic(int seed, int n, bool flipLabels = false)
    {
        var random = new Random(seed);
        var itemEffect = Enumerable.Range(0, TestSchemas.Ids).Select(i => (i - 4.5) / 4.0).ToArray();
        var dense = new float[n * TestSchemas.Dense];
        var ids = new long[n];
        var labels = new float[n];
        var truth = new float[n];
        var groups = new long[n];
        for (int r = 0; r < n; r++)
        {
            double logit = TrueBias;
            for (int d = 0; d < TestSchemas.Dense; d++)
            {
                double x = Gaussian(random);
                dense[r * TestSchemas.Dense + d] = (float)x;
                logit += TrueWeights[d] * (float)x;
            }
            ids[r] = random.Next(TestSchemas.Ids);
            logit += itemEffect[ids[r]];
            double p = 1 / (1 + Math.Exp(-logit));
            truth[r] = (float)p;
            labels[r] = random.NextDouble() < (flipLabels ? 1 - p : p) ? 1f : 0f;
            groups[r] = random.Next(40);
        }
        return new PlantedData { Dense = dense, Ids = ids, Labels = labels, TrueProbabilities = truth, Groups = groups };
    }

    public FeatureBatch ToBatch(bool withGroups = false) => new(
        Count,
        tensor(Ids.Select(id => EmbeddingRows.RowOf(id, TestSchemas.Ids)).ToArray(), [Count, 1]),
        tensor(Dense, [Count, TestSchemas.Dense]),
        [],
        label: tensor(Labels),
        groups: withGroups ? Groups : null);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
