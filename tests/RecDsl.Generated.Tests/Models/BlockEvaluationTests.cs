using RecDsl.Batching;
using RecDsl.Training;
using Shop;
using Shop.Funnel;

namespace RecDsl.Generated.Tests.Models;

/// <summary><c>Evaluator.Evaluate</c> over blocks (a test file larger than memory) gives the metrics of the same rows
/// scored as one batch.</summary>
public class BlockEvaluationTests
{
    private static AdClick[] Clicks(int n)
    {
        var r = new Random(5);
        return Enumerable.Range(0, n).Select(i => new AdClick
        {
            UserId = r.Next(30), AdId = r.Next(20), Site = "s" + r.Next(5), Category = "c" + r.Next(4), Price = (float)r.NextDouble(),
            Clicked = r.NextDouble() < 0.4,
        }).ToArray();
    }

    private static void Agree(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, value) in expected) Assert.True(Math.Abs(value - actual[name]) <= 1e-6, $"{name}: {value} as one batch, {actual[name]} over blocks");
    }

    [Fact]
    public void Blocks_of_a_single_task_model_with_groups_score_as_one_batch()
    {
        var records = Clicks(230);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        var collator = model.CreateCollator();
        using var all = collator.Collate(records);
        var made = new List<FeatureBatch>();

        var expected = Evaluator.Evaluate(model, all, batchSize: 64);
        var actual = Evaluator.Evaluate(model, collator.CollateBlocks(records, 100).Select(b => { made.Add(b); return (FeatureBatch)b; }), batchSize: 64);

        Assert.Contains(MetricNames.GroupAuc, expected.Keys);
        Agree(expected, actual);
        Assert.Equal(3, made.Count);
        Assert.All(made, b => Assert.True(b.Dense.IsInvalid, "a scored block was left alive"));
    }

    [Fact]
    public void Blocks_of_an_esmm_model_score_as_one_batch()
    {
        var records = Enumerable.Range(0, 150).Select(i => new Tracking.Impression(i % 31, (DeviceKind)(i % 3), i % 2 == 0,
            new[] { "q" + i % 4 }, i % 10, i % 3 == 0, i % 9 == 0)).ToArray();
        using var model = new TrackingImpressionEsmm();
        var collator = new TrackingImpressionCollator();
        using var all = collator.Collate(records);

        var expected = Evaluator.Evaluate(model, all);
        var actual = Evaluator.Evaluate(model, collator.CollateBlocks(records, 40));

        Assert.Contains(MetricNames.CvrAuc, expected.Keys);
        Agree(expected, actual);
    }

    [Fact]
    public void A_block_of_another_record_or_without_the_groups_of_the_others_is_refused_by_its_index()
    {
        var records = Clicks(60);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        var collator = model.CreateCollator();
        IEnumerable<FeatureBatch> WithUngrouped()
        {
            yield return collator.Collate(records.Take(30).ToArray());
            using var grouped = collator.Collate(records.Skip(30).ToArray());
            yield return new FeatureBatch(grouped.Count, grouped.SparseRows.clone(), grouped.Dense.clone(), [], label: grouped.Label!.clone());
        }
        IEnumerable<FeatureBatch> WithForeign()
        {
            yield return collator.Collate(records.Take(30).ToArray());
            yield return new TrackingImpressionCollator().Collate(new[] { new Tracking.Impression(1, DeviceKind.Mobile, true, ["q"], 1, true, false) });
        }

        var ungrouped = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(model, WithUngrouped()));
        Assert.StartsWith("Evaluation block 1 has no groups, but the blocks before had", ungrouped.Message);
        var foreign = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(model, WithForeign()));
        Assert.Contains("evaluation block 1", foreign.Message);
    }
}
