using EsmmAliCcp;
using RecDsl.Metrics;
using RecDsl.Training;
using Xunit.Abstractions;

namespace RecDsl.Quality.Tests;

/// <summary>ESMM on the Ali-CCP-shaped data of examples/Esmm.AliCcp: click and purchase probabilities share item
/// quality, and a purchase is only observed after a click.</summary>
public sealed class EsmmQualityTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void ESMM_gets_within_0_01_of_the_Bayes_CTR_and_CTCVR_AUC_and_reports_CVR_on_clicked_rows(int seed)
    {
        var data = AliCcpSynthetic.Generate(rows: 1_000_000, seed);
        var collator = new ImpressionCollator();
        ImpressionEsmm model;
        lock (Trained.InitLock)
        {
            RecDsl.Examples.TorchSeed.Set(seed);
            model = new ImpressionEsmm();
        }
        using var _ = model;
        using (var train = collator.Collate(data.Train))
        using (var validation = collator.Collate(data.Validation))
            new Trainer(model, AliCcpTraining.Options(epochs: 12, seed: seed)).Fit(train, validation);
        using var test = collator.Collate(data.Test);

        var metrics = Evaluator.Evaluate(model, test);
        var bayes = data.Bayes!.Value;
        output.WriteLine($"seed {seed}: CTR AUC {metrics["ctr_auc"]:F4} (Bayes {bayes.CtrAuc:F4}, gap {bayes.CtrAuc - metrics["ctr_auc"]:F4}), " +
                         $"CTCVR AUC {metrics["ctcvr_auc"]:F4} (Bayes {bayes.CtcvrAuc:F4}, gap {bayes.CtcvrAuc - metrics["ctcvr_auc"]:F4}), " +
                         $"CVR AUC on {bayes.ClickedRows} clicked rows {metrics["cvr_auc"]:F4} (Bayes {bayes.CvrAuc:F4}, gap {bayes.CvrAuc - metrics["cvr_auc"]:F4})");
        Assert.True(bayes.CtrAuc - metrics["ctr_auc"] <= 0.01, $"CTR AUC {metrics["ctr_auc"]:F4} vs Bayes {bayes.CtrAuc:F4}");
        Assert.True(bayes.CtcvrAuc - metrics["ctcvr_auc"] <= 0.01, $"CTCVR AUC {metrics["ctcvr_auc"]:F4} vs Bayes {bayes.CtcvrAuc:F4}");

        // The reported trio is what the paper defines, recomputed here from Predict: CTR and CTCVR over every
        // impression, CVR over the clicked ones only.
        var p = model.Predict(data.Test);
        var clicked = data.Test.Select(r => r.Clicked ? 1f : 0f).ToArray();
        var bought = data.Test.Select(r => r.Purchased ? 1f : 0f).ToArray();
        var clickedRows = Enumerable.Range(0, data.Test.Length).Where(i => data.Test[i].Clicked).ToArray();
        Assert.Equal(RocAuc.Compute(clicked, p.Ctr), metrics["ctr_auc"], 6);
        Assert.Equal(RocAuc.Compute(bought, p.Ctcvr), metrics["ctcvr_auc"], 6);
        Assert.Equal(RocAuc.Compute(clickedRows.Select(i => bought[i]).ToArray(), clickedRows.Select(i => p.Cvr[i]).ToArray()), metrics["cvr_auc"], 6);
    }

    /// <summary>
    /// The ESMM paper's claim (its BASE row): when conversions are rare, ESMM's CVR tower, trained through pCTCVR on
    /// every impression with embeddings shared with the CTR tower, ranks clicked impressions better than the same
    /// network trained on clicked impressions only. BASE here is the generated ESMM itself fed only clicked rows (all
    /// click labels 1): its CTR tower saturates at pCTR = 1 within the first steps, after which the CTCVR loss is the
    /// CVR tower's BCE against purchase, the paper's BASE with the same architecture.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public void With_rare_purchases_ESMM_ranks_clicked_impressions_better_than_a_CVR_model_trained_on_clicks_only(int seed)
    {
        // Rare purchases (3% of clicks in most worlds) and 150,000 training impressions; a large test set (200,000
        // impressions) so that the CVR AUC on clicked rows rests on about a thousand purchases.
        var data = AliCcpSynthetic.Generate(rows: 2_000_000, seed, purchaseBias: -4.5);
        var train = data.Train[..150_000];
        var validation = data.Validation[..50_000];
        var options = AliCcpTraining.Options(epochs: 8, seed: seed);

        var esmm = Trained.TestMetrics(() => new ImpressionEsmm(), new ImpressionCollator(), train, validation, data.Test, options, seed);
        var clickedOnly = Trained.TestMetrics(() => new ImpressionEsmm(), new ImpressionCollator(),
            train.Where(r => r.Clicked).ToArray(), validation.Where(r => r.Clicked).ToArray(), data.Test, options, seed);

        var bayes = data.Bayes!.Value;
        double lead = esmm["cvr_auc"] - clickedOnly["cvr_auc"];
        output.WriteLine($"seed {seed}: CVR AUC on {bayes.ClickedRows} clicked test rows ({data.Test.Count(r => r.Purchased)} purchases): " +
                         $"ESMM {esmm["cvr_auc"]:F4}, clicked-only {clickedOnly["cvr_auc"]:F4}, lead {lead:F4} (Bayes {bayes.CvrAuc:F4}); " +
                         $"training: {train.Count(r => r.Clicked)} clicks, {train.Count(r => r.Purchased)} purchases");
        // Measured on seeds 1-8: lead 0.014-0.052, and 0.001 on seed 4, whose world converts 12% of clicks (not rare).
        Assert.True(lead > 0, $"ESMM CVR AUC {esmm["cvr_auc"]:F4} does not beat the clicked-only model's {clickedOnly["cvr_auc"]:F4}");
    }
}
