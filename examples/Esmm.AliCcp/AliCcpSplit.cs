using RecDsl.Examples;
using RecDsl.Metrics;

namespace EsmmAliCcp;

/// <summary>Impressions split 80/10/10. Synthetic ones also carry the planted click and purchase probabilities of every
/// test row, which give the three ceilings.</summary>
/// <param name="Train">Rows the model learns from.</param>
/// <param name="Validation">Rows scored after every epoch.</param>
/// <param name="Test">Rows the final metrics are computed on.</param>
/// <param name="TestCtr">P(click) of each test row; null for data read from a file.</param>
/// <param name="TestCvr">P(purchase | click) of each test row; null for data read from a file.</param>
public sealed record AliCcpSplit(Impression[] Train, Impression[] Validation, Impression[] Test, float[]? TestCtr = null, float[]? TestCvr = null)
{
    /// <summary>The three ceilings, computed from the true probabilities exactly as <see cref="EsmmMetrics"/> computes
    /// the model's metrics (CTR and CTCVR AUC on all test rows, CVR AUC on the clicked ones), or null without them.</summary>
    public EsmmMetricValues? Bayes => TestCtr is null || TestCvr is null ? null : EsmmMetrics.Compute(
        Test.Select(r => r.Clicked ? 1f : 0f).ToArray(), Test.Select(r => r.Purchased ? 1f : 0f).ToArray(),
        TestCtr, TestCvr, TestCtr.Zip(TestCvr, (ctr, cvr) => ctr * cvr).ToArray());

    /// <summary>Impressions read from a file, without planted probabilities.</summary>
    public static AliCcpSplit FromFile(DataSplit<Impression> rows) => new(rows.Train, rows.Validation, rows.Test);
}
