using System.Collections.Immutable;
using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Models;
using Shop;
using Shop.Funnel;
using Sports;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Models;

/// <summary>Each generated model runs forward and backward on a generated batch, and its loss falls on a small
/// synthetic set whose label its structure can express.</summary>
public class GeneratedModelTests
{
    // Trains full-batch with Adam; returns the loss before and after.
    private static (double Before, double After) Train<TRecord, TBatch>(RecNetwork model, RecordCollator<TRecord, TBatch> collator,
        IReadOnlyList<TRecord> records, int steps = 60, double lr = 0.02) where TBatch : FeatureBatch
    {
        using var batch = collator.Collate(records);
        using var optimizer = optim.Adam(model.parameters(), lr);
        model.train();
        double before = double.NaN, after = double.NaN;
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.Loss(model.forward(batch), batch);
            loss.backward();
            if (step == 0)
            {
                before = loss.item<float>();
                Assert.Contains(model.parameters(), p => p.grad is not null && p.grad.abs().sum().item<float>() > 0);
            }
            optimizer.step();
            after = loss.item<float>();
        }
        return (before, after);
    }

    private static AdClick[] AdClicks(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            int ad = r.Next(40);
            return new AdClick { UserId = r.Next(100), AdId = ad, Site = "s" + r.Next(20), Category = "c" + (ad % 7), Price = (float)r.NextDouble(), Clicked = ad % 2 == 0 };
        }).ToArray();
    }

    [Fact]
    public void DeepFM_learns_and_predicts_probabilities()
    {
        torch.manual_seed(1);
        var records = AdClicks(256, 1);
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        Assert.Equal(AdClickSchema.DeepFM.Fingerprint, model.Schema.Fingerprint);
        var (before, after) = Train(model, model.CreateCollator(), records);
        Assert.True(after < 0.5 * before, $"loss {before} -> {after}");
        var p = model.Predict(records);
        Assert.Equal(records.Length, p.Length);
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        Assert.True(p.Where((v, i) => records[i].Clicked).Average() > p.Where((v, i) => !records[i].Clicked).Average() + 0.3);
        Assert.True(model.training, "Predict restores training mode");
    }

    [Fact]
    public void WideDeep_learns_with_overrides()
    {
        torch.manual_seed(2);
        var records = AdClicks(256, 2);
        var model = new AdClickWideDeep(AdClickVocabulary.Fit(records), embeddingDim: 4, hidden: new[] { 8 }, dropout: 0.0);
        Assert.Equal(4, model.Schema["UserId"].EmbeddingDim);
        Assert.Equal(new[] { 8 }, model.Options.Hidden);
        var (before, after) = Train(model, model.CreateCollator(), records);
        Assert.True(after < 0.5 * before, $"loss {before} -> {after}");
    }

    [Fact]
    public void Din_learns_whether_the_target_is_in_the_history()
    {
        torch.manual_seed(3);
        var r = new Random(3);
        var records = Enumerable.Range(0, 256).Select(_ =>
        {
            var history = Enumerable.Range(0, r.Next(0, 10)).Select(_ => r.Next(30)).ToArray();
            bool positive = history.Length > 0 && r.Next(2) == 0;
            long item = positive ? history[r.Next(history.Length)] : 30 + r.Next(30);
            return new ItemView
            {
                ItemId = item, CategoryId = (int)(item % 5), History = history, CategoryHistory = history.Select(h => h % 5).ToList(),
                Tags = new[] { "a" }, Age = 30, Clicked = positive ? 1f : 0f,
            };
        }).ToArray();
        var model = new ItemViewDin(ItemViewVocabulary.Fit(records));
        var (before, after) = Train(model, model.CreateCollator(), records, steps: 80);
        Assert.True(after < 0.6 * before, $"loss {before} -> {after}");
        var p = model.Predict(records);
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Esmm_learns_both_tasks_and_predicts_the_trio()
    {
        torch.manual_seed(4);
        var r = new Random(4);
        var records = Enumerable.Range(0, 256).Select(_ =>
        {
            bool mobile = r.Next(2) == 0;
            int user = r.Next(50);
            return new Tracking.Impression(user, (DeviceKind)r.Next(3), mobile, new[] { "q" + r.Next(5) }, r.NextDouble(), mobile, mobile && user % 2 == 0);
        }).ToArray();
        var model = new TrackingImpressionEsmm();
        var (before, after) = Train(model, model.CreateCollator(), records);
        Assert.True(after < 0.5 * before, $"loss {before} -> {after}");
        var p = model.Predict(records);
        Assert.Equal(records.Length, p.Ctr.Length);
        for (int i = 0; i < records.Length; i++)
            Assert.Equal((double)p.Ctr[i] * p.Cvr[i], p.Ctcvr[i], 5);
        Assert.True(p.Ctr.Where((v, i) => records[i].Clicked).Average() > 0.8);
    }

    [Fact]
    public void WideDeep_on_shared_tables_learns()
    {
        torch.manual_seed(5);
        var teams = new[] { "ajax", "psv", "az", "feyenoord", "twente", "utrecht" };
        var r = new Random(5);
        var records = Enumerable.Range(0, 200).Select(_ =>
        {
            string home = teams[r.Next(teams.Length)];
            return new Match { Home = home, Away = teams[r.Next(teams.Length)], Round = r.Next(10), Venues = ImmutableArray.Create<long>(r.Next(9)), Odds = 1f, HomeWins = home.Length <= 3 ? 1 : 0 };
        }).ToArray();
        var model = new MatchWideDeep(MatchVocabulary.Fit(records));
        Assert.Single(model.Schema.Tables, t => t.Name == "team");
        var (before, after) = Train(model, model.CreateCollator(), records);
        Assert.True(after < 0.5 * before, $"loss {before} -> {after}");
    }
}
