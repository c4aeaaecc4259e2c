using RecDsl.Metrics;

namespace RecDsl.Tests.Metrics;

public class GroupAucTests
{
    [Theory]
    [InlineData(1, 200, 10)]
    [InlineData(2, 1000, 60)]
    [InlineData(3, 3000, 300)]
    public void Matches_brute_force_per_group_weighted_by_rows(int seed, int n, int groupCount)
    {
        var (labels, scores) = BruteForce.TiedData(seed, n, distinctScores: 6, positiveRate: 0.3);
        var random = new Random(seed + 100);
        // Scattered, non-contiguous group ids, some far apart and negative.
        var groupIndex = Enumerable.Range(0, n).Select(_ => random.Next(groupCount)).ToArray();
        var groups = groupIndex.Select(g => (long)g * 7919 - 5000).ToArray();
        // Every fourth group gets only negatives, so single-class groups must be skipped.
        for (int i = 0; i < n; i++)
            if (groupIndex[i] % 4 == 0) labels[i] = 0f;

        double weighted = 0, weight = 0;
        int used = 0, skipped = 0;
        foreach (var g in groups.Distinct())
        {
            var rows = Enumerable.Range(0, n).Where(i => groups[i] == g).ToArray();
            double auc = BruteForce.Auc(rows.Select(i => labels[i]).ToArray(), rows.Select(i => scores[i]).ToArray());
            if (double.IsNaN(auc)) { skipped++; continue; }
            used++;
            weighted += auc * rows.Length;
            weight += rows.Length;
        }
        Assert.True(used > 0 && skipped > 0, "the data should exercise both kinds of group");

        var result = GroupAuc.Compute(labels, scores, groups);

        Assert.Equal(weighted / weight, result.Value, 12);
        Assert.Equal(used, result.GroupsUsed);
        Assert.Equal(skipped, result.GroupsSkipped);
        Assert.Equal((long)weight, result.RowsUsed);
    }

    [Fact]
    public void Hand_computed_case_skips_the_single_class_group()
    {
        // Group 7 (4 rows): labels [0,0,1,1], scores [0.9,0.5,0.1,0.8]; only 0.8 > 0.5 of 4 pairs -> 0.25.
        // Group 8 (2 rows): labels [0,1], scores [0.1,0.2] -> 1. Group 9: only positives, skipped.
        float[] labels = [0, 1, 0, 0, 1, 1, 1, 1, 1];
        float[] scores = [0.1f, 0.2f, 0.9f, 0.5f, 0.1f, 0.8f, 0.1f, 0.2f, 0.3f];
        long[] groups = [8, 8, 7, 7, 7, 7, 9, 9, 9];
        double expected = (4 * 0.25 + 2 * 1.0) / 6;

        var result = GroupAuc.Compute(labels, scores, groups);

        Assert.Equal(expected, result.Value, 15);
        Assert.Equal(new GroupAucResult(result.Value, 2, 1, 6), result);
    }

    [Fact]
    public void No_qualifying_group_gives_NaN_and_says_so()
    {
        var result = GroupAuc.Compute([1, 1, 0, 0], [0.1f, 0.2f, 0.3f, 0.4f], [1, 1, 2, 2]);

        Assert.True(double.IsNaN(result.Value));
        Assert.Equal(0, result.GroupsUsed);
        Assert.Equal(2, result.GroupsSkipped);
        Assert.Equal(0, result.RowsUsed);
    }

    [Fact]
    public void Mismatched_groups_fail_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => GroupAuc.Compute([1, 0], [0.1f, 0.2f], [1]));
        Assert.Contains("groups has 1 elements but labels has 2", e.Message);
    }
}
