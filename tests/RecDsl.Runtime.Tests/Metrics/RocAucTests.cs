using RecDsl.Metrics;

namespace RecDsl.Tests.Metrics;

public class RocAucTests
{
    public static TheoryData<int, int, int> RandomCases()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int seed in new[] { 1, 2, 3, 4, 5 })
            foreach (int n in new[] { 2, 7, 50, 333, 1000 })
                foreach (int distinct in new[] { 2, 5, 1000 })
                    data.Add(seed, n, distinct);
        return data;
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Matches_brute_force_pair_count_with_ties(int seed, int n, int distinctScores)
    {
        var (labels, scores) = BruteForce.TiedData(seed, n, distinctScores, positiveRate: 0.3);
        double expected = BruteForce.Auc(labels, scores);

        double actual = RocAuc.Compute(labels, scores);

        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual));
        else Assert.Equal(expected, actual, 12);
    }

    [Fact]
    public void Hand_computed_cases()
    {
        // 4 pairs, (0.35 vs 0.4) is the only wrong one: 3/4.
        Assert.Equal(0.75, RocAuc.Compute([0, 0, 1, 1], [0.1f, 0.4f, 0.35f, 0.8f]), 15);
        // Positives {0.5, 0.9}, negatives {0.5, 0.1}: tie 1/2 + 1 + 1 + 1 = 3.5 of 4.
        Assert.Equal(0.875, RocAuc.Compute([1, 0, 1, 0], [0.5f, 0.5f, 0.9f, 0.1f]), 15);
        Assert.Equal(0.5, RocAuc.Compute([1, 0, 1, 0, 0], [3f, 3f, 3f, 3f, 3f]), 15);
        Assert.Equal(1.0, RocAuc.Compute([0, 1], [0.2f, 0.3f]), 15);
        Assert.Equal(0.0, RocAuc.Compute([1, 0], [0.2f, 0.3f]), 15);
    }

    [Fact]
    public void Only_order_matters_so_logits_and_infinities_work()
    {
        Assert.Equal(1.0, RocAuc.Compute([0, 1, 0, 1], [float.NegativeInfinity, float.PositiveInfinity, -3f, 2f]), 15);
        // -0 and +0 are the same score: a tie.
        Assert.Equal(0.5, RocAuc.Compute([1, 0], [-0f, 0f]), 15);
    }

    [Fact]
    public void Single_class_or_empty_input_gives_NaN()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([1, 1, 1], [0.1f, 0.2f, 0.3f])));
        Assert.True(double.IsNaN(RocAuc.Compute([0, 0], [0.1f, 0.2f])));
        Assert.True(double.IsNaN(RocAuc.Compute([], [])));
    }

    [Fact]
    public void Bad_input_fails_with_a_message_that_names_the_problem()
    {
        var lengths = Assert.Throws<ArgumentException>(() => RocAuc.Compute([0, 1, 1], [0.1f, 0.2f]));
        Assert.Contains("scores has 2 elements but labels has 3", lengths.Message);

        var nan = Assert.Throws<ArgumentException>(() => RocAuc.Compute([0, 1], [0.1f, float.NaN]));
        Assert.Contains("scores[1] is NaN", nan.Message);

        var label = Assert.Throws<ArgumentException>(() => RocAuc.Compute([0, 2], [0.1f, 0.2f]));
        Assert.Contains("labels[1] = 2", label.Message);

        var soft = Assert.Throws<ArgumentException>(() => RocAuc.Compute([0.5f, 1], [0.1f, 0.2f]));
        Assert.Contains("binary labels", soft.Message);
    }
}
