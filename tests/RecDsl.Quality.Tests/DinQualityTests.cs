using System.Collections.Concurrent;
using DinAmazon;
using RecDsl.Examples;
using Xunit.Abstractions;

namespace RecDsl.Quality.Tests;

/// <summary>DIN and DeepFM on the Amazon-shaped data of examples/Din.Amazon, where the click depends on the number of
/// history events in the candidate's category: DIN's attention can count them, DeepFM's mean-pooled history cannot.</summary>
public sealed class DinQualityTests(ITestOutputHelper output)
{
    private sealed record Outcome(DataSplit<ProductView> Data, double DinAuc, double DeepFmAuc);

    // Both tests of a seed read one training of each model.
    private static readonly ConcurrentDictionary<int, Lazy<Outcome>> Outcomes = new();

    private static Outcome For(int seed) => Outcomes.GetOrAdd(seed, s => new Lazy<Outcome>(() =>
    {
        var data = AmazonSynthetic.Generate(rows: 200_000, s);
        var options = AmazonTraining.Options(epochs: 12, seed: s);
        var din = Trained.TestMetrics(() => new ProductViewDin(), new ProductViewCollator(), data.Train, data.Validation, data.Test, options, s);
        var deepFm = Trained.TestMetrics(() => new ProductViewDeepFM(), new ProductViewCollator(), data.Train, data.Validation, data.Test, options, s);
        return new Outcome(data, din["auc"], deepFm["auc"]);
    })).Value;

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void DIN_gets_within_0_01_of_the_Bayes_AUC(int seed)
    {
        var outcome = For(seed);

        double gap = outcome.Data.BayesAuc!.Value - outcome.DinAuc;
        output.WriteLine($"seed {seed}: DIN test AUC {outcome.DinAuc:F4}, Bayes AUC {outcome.Data.BayesAuc!.Value:F4}, gap {gap:F4}");
        Assert.True(gap <= 0.01, $"DIN AUC {outcome.DinAuc:F4} is {gap:F4} below the Bayes AUC {outcome.Data.BayesAuc!.Value:F4}");
    }

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void DIN_beats_DeepFM_with_a_mean_pooled_history_by_at_least_0_02_AUC(int seed)
    {
        var outcome = For(seed);

        double lead = outcome.DinAuc - outcome.DeepFmAuc;
        output.WriteLine($"seed {seed}: DIN {outcome.DinAuc:F4}, DeepFM {outcome.DeepFmAuc:F4}, lead {lead:F4} (Bayes {outcome.Data.BayesAuc!.Value:F4})");
        Assert.True(lead >= 0.02, $"DIN AUC {outcome.DinAuc:F4} leads DeepFM {outcome.DeepFmAuc:F4} by only {lead:F4}");
    }
}
