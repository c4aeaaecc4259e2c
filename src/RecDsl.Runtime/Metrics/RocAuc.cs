namespace RecDsl.Metrics;

/// <summary>
/// Exact area under the ROC curve: the probability that a random positive row scores higher than a random
/// negative row, a tie counting one half (the Mann-Whitney U statistic over positives x negatives).
/// </summary>
/// <remarks>
/// Sort-based, O(n log n): rows are sorted by score, and within each block of tied scores every positive
/// earns one pair per negative below the block plus one half per negative inside it (equivalent to average
/// ranks). Pairs are counted in 64-bit integers, so the result is exact up to the final division.
/// Undefined when only one class is present: the result is then <see cref="double.NaN"/>, never an exception,
/// so an evaluation over a small or filtered set (e.g. CVR on clicked rows) still completes.
/// </remarks>
public static class RocAuc
{
    /// <summary><see cref="Compute"/>, or NaN when a label is soft (strictly between 0 and 1): an AUC ranks positives
    /// against negatives, which soft labels do not name. The evaluator's AUCs go through it.</summary>
    internal static double ComputeIfBinary(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores) =>
        MetricInput.AreBinary(labels) ? Compute(labels, scores) : double.NaN;

    /// <summary>ROC AUC of <paramref name="scores"/> against binary <paramref name="labels"/>.</summary>
    /// <param name="labels">0 or 1 per row.</param>
    /// <param name="scores">Any finite or infinite score per row (probability or logit; only the order matters).</param>
    /// <returns>AUC in [0, 1], or NaN when there are no positives or no negatives (including empty input).</returns>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0 or 1, or a score is NaN.</exception>
    public static double Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        MetricInput.SameLength(labels.Length, scores.Length, nameof(labels), nameof(scores));
        MetricInput.BinaryLabels(labels, nameof(labels));
        MetricInput.NoNaN(scores, nameof(scores));

        var sortedScores = scores.ToArray();
        var sortedPositive = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++) sortedPositive[i] = labels[i] == 1f;
        return SortAndCount(sortedScores, sortedPositive, labels.Length);
    }

    /// <summary>AUC of the first <paramref name="count"/> rows of already checked buffers; sorts them in place.</summary>
    internal static double SortAndCount(float[] scores, bool[] positive, int count)
    {
        Array.Sort(scores, positive, 0, count);

        long negativesBelow = 0, positives = 0;
        long twicePairs = 0; // 2 x (concordant pairs + half of the tied ones), kept integral
        for (int start = 0; start < count;)
        {
            long blockPositives = 0, blockNegatives = 0;
            int end = start;
            for (; end < count && scores[end] == scores[start]; end++)
            {
                if (positive[end]) blockPositives++;
                else blockNegatives++;
            }
            twicePairs += 2 * blockPositives * negativesBelow + blockPositives * blockNegatives;
            negativesBelow += blockNegatives;
            positives += blockPositives;
            start = end;
        }

        if (positives == 0 || negativesBelow == 0) return double.NaN;
        return twicePairs / (2.0 * positives * negativesBelow);
    }
}
