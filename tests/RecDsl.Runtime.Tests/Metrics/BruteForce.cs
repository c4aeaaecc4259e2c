namespace RecDsl.Tests.Metrics;

/// <summary>Independent references: the definitions, written the slow obvious way.</summary>
internal static class BruteForce
{
    /// <summary>AUC as the fraction of (positive, negative) pairs ranked correctly, a tie counting 1/2. O(n^2).</summary>
    public static double Auc(float[] labels, float[] scores)
    {
        double pairs = 0, credit = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 1f) continue;
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[j] != 0f) continue;
                pairs++;
                if (scores[i] > scores[j]) credit += 1;
                else if (scores[i] == scores[j]) credit += 0.5;
            }
        }
        return pairs == 0 ? double.NaN : credit / pairs;
    }

    /// <summary>Random labels and scores drawn from a few distinct values, so ties are everywhere.</summary>
    public static (float[] Labels, float[] Scores) TiedData(int seed, int n, int distinctScores, double positiveRate)
    {
        var random = new Random(seed);
        var labels = new float[n];
        var scores = new float[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < positiveRate ? 1f : 0f;
            // Positives lean higher so the AUC is not always ~0.5.
            int level = random.Next(distinctScores) + (labels[i] == 1f && random.Next(2) == 0 ? 1 : 0);
            scores[i] = level / (float)distinctScores;
        }
        return (labels, scores);
    }
}
