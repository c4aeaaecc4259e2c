namespace RecDsl.Metrics;

/// <summary>The result of <see cref="GroupAuc.Compute"/>.</summary>
/// <param name="Value">Weighted mean AUC over the groups that have both classes; NaN when none has.</param>
/// <param name="GroupsUsed">Groups with at least one positive and one negative row.</param>
/// <param name="GroupsSkipped">Groups with a single class (their AUC is undefined), left out.</param>
/// <param name="RowsUsed">Rows of the used groups, i.e. the total weight.</param>
public readonly record struct GroupAucResult(double Value, int GroupsUsed, int GroupsSkipped, long RowsUsed);

/// <summary>
/// Group AUC (gAUC): the AUC computed within each group (typically a user) and averaged with each group
/// weighted by its number of rows (impressions), as the user-weighted AUC of the DIN paper (Zhou et al. 2018,
/// Eq. 10: <c>sum_i #impression_i x AUC_i / sum_i #impression_i</c>).
/// </summary>
/// <remarks>
/// A group with only positives or only negatives has no AUC and is skipped: it adds to neither the weighted
/// sum nor the total weight (as FuxiCTR does; torch-rechub's <c>gauc_score</c> raises instead). When no group
/// qualifies the value is NaN and <see cref="GroupAucResult.GroupsUsed"/> is 0. O(n log n).
/// </remarks>
public static class GroupAuc
{
    /// <summary>gAUC of <paramref name="scores"/> against binary <paramref name="labels"/>, grouped by <paramref name="groups"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0 or 1, or a score is NaN.</exception>
    public static GroupAucResult Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<long> groups)
    {
        MetricInput.SameLength(labels.Length, scores.Length, nameof(labels), nameof(scores));
        MetricInput.SameLength(labels.Length, groups.Length, nameof(labels), nameof(groups));
        MetricInput.BinaryLabels(labels, nameof(labels));
        MetricInput.NoNaN(scores, nameof(scores));

        int n = labels.Length;
        var groupOfRow = groups.ToArray();
        var rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        Array.Sort(groupOfRow, rows); // rows of a group become contiguous; order inside a group does not matter

        var groupScores = new float[n];
        var groupPositive = new bool[n];
        double weightedSum = 0;
        long rowsUsed = 0;
        int used = 0, skipped = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            for (; end < n && groupOfRow[end] == groupOfRow[start]; end++)
            {
                groupScores[end - start] = scores[rows[end]];
                groupPositive[end - start] = labels[rows[end]] == 1f;
            }
            int size = end - start;
            double auc = RocAuc.SortAndCount(groupScores, groupPositive, size);
            if (double.IsNaN(auc))
            {
                skipped++;
            }
            else
            {
                used++;
                weightedSum += auc * size;
                rowsUsed += size;
            }
            start = end;
        }

        return new GroupAucResult(rowsUsed == 0 ? double.NaN : weightedSum / rowsUsed, used, skipped, rowsUsed);
    }
}
