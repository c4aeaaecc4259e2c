using RecDsl.Metrics;

namespace RecDsl.Tests.Metrics;

public class EsmmMetricsTests
{
    /// <summary>Planted so that CVR on clicked rows is perfect while CVR scored on all rows is poor: unclicked
    /// rows never convert (label 0) but get a high pCVR. Some unclicked rows carry conversion = 1 (a logging
    /// artefact) that CTCVR must ignore because its label is click AND conversion.</summary>
    private static (float[] Click, float[] Conversion, float[] PCtr, float[] PCvr, float[] PCtcvr) Planted(int seed, int n)
    {
        var random = new Random(seed);
        var click = new float[n];
        var conversion = new float[n];
        var pCtr = new float[n];
        var pCvr = new float[n];
        var pCtcvr = new float[n];
        for (int i = 0; i < n; i++)
        {
            pCtr[i] = (float)random.NextDouble();
            click[i] = random.NextDouble() < pCtr[i] ? 1f : 0f;
            if (click[i] == 1f)
            {
                conversion[i] = random.Next(3) == 0 ? 1f : 0f;
                pCvr[i] = conversion[i] == 1f ? 0.6f + 0.3f * (float)random.NextDouble() : 0.5f * (float)random.NextDouble();
            }
            else
            {
                conversion[i] = random.Next(10) == 0 ? 1f : 0f;
                pCvr[i] = 0.95f;
            }
            pCtcvr[i] = pCtr[i] * pCvr[i];
        }
        return (click, conversion, pCtr, pCvr, pCtcvr);
    }

    private static double Ll(float[] y, float[] p) =>
        y.Select((v, i) => -(v * Math.Log(Math.Clamp(p[i], 1e-7, 1 - 1e-7)) + (1 - v) * Math.Log(1 - Math.Clamp(p[i], 1e-7, 1 - 1e-7)))).Average();

    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 2000)]
    public void Each_task_is_scored_on_its_own_rows(int seed, int n)
    {
        var (click, conversion, pCtr, pCvr, pCtcvr) = Planted(seed, n);
        var clicked = Enumerable.Range(0, n).Where(i => click[i] == 1f).ToArray();
        var cvrLabels = clicked.Select(i => conversion[i]).ToArray();
        var cvrScores = clicked.Select(i => pCvr[i]).ToArray();
        var ctcvrLabels = Enumerable.Range(0, n).Select(i => click[i] == 1f && conversion[i] == 1f ? 1f : 0f).ToArray();

        var m = EsmmMetrics.Compute(click, conversion, pCtr, pCvr, pCtcvr);

        Assert.Equal(BruteForce.Auc(click, pCtr), m.CtrAuc, 12);
        Assert.Equal(BruteForce.Auc(ctcvrLabels, pCtcvr), m.CtcvrAuc, 12);
        Assert.Equal(1.0, m.CvrAuc, 15);
        Assert.Equal(BruteForce.Auc(cvrLabels, cvrScores), m.CvrAuc, 12);
        Assert.Equal(clicked.Length, m.ClickedRows);
        Assert.Equal(Ll(click, pCtr), m.CtrLogLoss, 10);
        Assert.Equal(Ll(ctcvrLabels, pCtcvr), m.CtcvrLogLoss, 10);
        Assert.Equal(Ll(cvrLabels, cvrScores), m.CvrLogLoss, 10);

        // The planted gap: CVR scored on every impression would look bad.
        double cvrOnAllRows = BruteForce.Auc(conversion, pCvr);
        Assert.True(cvrOnAllRows < 0.7, $"CVR AUC on all rows {cvrOnAllRows}");
    }

    [Fact]
    public void No_clicked_conversion_gives_NaN_cvr_auc_but_the_rest_is_defined()
    {
        var m = EsmmMetrics.Compute([1, 0, 1, 0], [0, 0, 0, 0], [0.9f, 0.1f, 0.8f, 0.2f], [0.3f, 0.3f, 0.2f, 0.1f], [0.27f, 0.03f, 0.16f, 0.02f]);

        Assert.Equal(1.0, m.CtrAuc, 15);
        Assert.True(double.IsNaN(m.CvrAuc));
        Assert.True(double.IsNaN(m.CtcvrAuc));
        Assert.Equal(2, m.ClickedRows);
        Assert.False(double.IsNaN(m.CvrLogLoss));
    }

    [Fact]
    public void Soft_labels_give_log_losses_over_click_times_conversion_and_undefined_aucs()
    {
        float[] click = [1f, 0.5f, 0f, 1f], conversion = [0.5f, 1f, 0f, 0f];
        float[] pCtr = [0.9f, 0.4f, 0.1f, 0.7f], pCvr = [0.3f, 0.6f, 0.2f, 0.1f];
        var pCtcvr = pCtr.Zip(pCvr, (a, b) => a * b).ToArray();

        var m = EsmmMetrics.Compute(click, conversion, pCtr, pCvr, pCtcvr);

        Assert.True(double.IsNaN(m.CtrAuc));   // click 0.5 is soft
        Assert.True(double.IsNaN(m.CtcvrAuc)); // labels 0.5, 0.5, 0, 0
        Assert.True(double.IsNaN(m.CvrAuc));   // clicked rows (click 1): conversions 0.5 and 0
        Assert.Equal(2, m.ClickedRows);
        Assert.Equal(Ll(click, pCtr), m.CtrLogLoss, 10);
        Assert.Equal(Ll([0.5f, 0.5f, 0f, 0f], pCtcvr), m.CtcvrLogLoss, 10);
        Assert.Equal(Ll([0.5f, 0f], [0.3f, 0.1f]), m.CvrLogLoss, 10);
    }

    [Fact]
    public void A_label_outside_zero_one_is_still_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => EsmmMetrics.Compute([1.5f], [0], [0.5f], [0.5f], [0.25f]));
        Assert.Contains("clicks[0] = 1.5 is outside [0, 1]", e.Message);
    }

    [Fact]
    public void Logits_instead_of_probabilities_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => EsmmMetrics.Compute([1], [0], [2.5f], [0.5f], [0.5f]));
        Assert.Contains("pCtr[0] = 2.5 is not a probability", e.Message);
    }
}
