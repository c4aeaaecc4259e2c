using DeepFmCriteo;
using Xunit.Abstractions;

namespace RecDsl.Quality.Tests;

/// <summary>DeepFM on the Criteo-shaped data of examples/DeepFM.Criteo, whose planted truth (per-value weights, four
/// rank-2 pairwise interactions, linear numeric effects) is a DeepFM.</summary>
public sealed class DeepFmQualityTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void DeepFM_gets_within_0_01_of_the_Bayes_AUC(int seed)
    {
        var data = CriteoSynthetic.Generate(rows: 500_000, seed);

        var metrics = Trained.TestMetrics(() => new CriteoAdDeepFM(), new CriteoAdCollator(), data.Train, data.Validation, data.Test,
            CriteoTraining.Options(epochs: 12, seed: seed), seed);

        double bayes = data.BayesAuc!.Value;
        double gap = bayes - metrics["auc"];
        output.WriteLine($"seed {seed}: DeepFM test AUC {metrics["auc"]:F4}, Bayes AUC {bayes:F4}, gap {gap:F4}");
        Assert.True(gap <= 0.01, $"DeepFM AUC {metrics["auc"]:F4} is {gap:F4} below the Bayes AUC {bayes:F4}");
    }
}
