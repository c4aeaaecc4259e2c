using WideDeepCensus;
using Xunit.Abstractions;

namespace RecDsl.Quality.Tests;

/// <summary>Wide &amp; Deep on the Census-shaped data of examples/WideDeep.Census, whose planted truth is per-category
/// weights and memorised crosses (the wide part) plus smooth age and hours effects (the deep part).</summary>
public sealed class WideDeepQualityTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void WideDeep_gets_within_0_01_of_the_Bayes_AUC(int seed)
    {
        var data = CensusSynthetic.Generate(rows: 100_000, seed);
        var vocabulary = CensusPersonVocabulary.Fit(data.Train, minCount: 5);

        var metrics = Trained.TestMetrics(() => new CensusPersonWideDeep(vocabulary), new CensusPersonCollator(vocabulary),
            data.Train, data.Validation, data.Test, CensusTraining.Options(epochs: 8, seed: seed), seed);

        double bayes = data.BayesAuc!.Value;
        double gap = bayes - metrics["auc"];
        output.WriteLine($"seed {seed}: Wide&Deep test AUC {metrics["auc"]:F4}, Bayes AUC {bayes:F4}, gap {gap:F4}");
        Assert.True(gap <= 0.01, $"Wide&Deep AUC {metrics["auc"]:F4} is {gap:F4} below the Bayes AUC {bayes:F4}");
    }
}
