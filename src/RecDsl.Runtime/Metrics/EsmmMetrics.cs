namespace RecDsl.Metrics;

/// <summary>The ESMM evaluation: each task's AUC and log loss on the rows where the task is defined.</summary>
/// <param name="CtrAuc">AUC of pCTR against click, all rows.</param>
/// <param name="CtcvrAuc">AUC of pCTCVR against click AND conversion, all rows.</param>
/// <param name="CvrAuc">AUC of pCVR against conversion, clicked rows only (as in the ESMM paper).</param>
/// <param name="CtrLogLoss">Log loss of pCTR against click, all rows.</param>
/// <param name="CtcvrLogLoss">Log loss of pCTCVR against click AND conversion, all rows.</param>
/// <param name="CvrLogLoss">Log loss of pCVR against conversion, clicked rows only.</param>
/// <param name="ClickedRows">How many rows the CVR metrics were computed on.</param>
public readonly record struct EsmmMetricValues(
    double CtrAuc, double CtcvrAuc, double CvrAuc,
    double CtrLogLoss, double CtcvrLogLoss, double CvrLogLoss,
    int ClickedRows);

/// <summary>
/// The ESMM trio. CVR is only observable after a click, so CVR metrics use clicked rows only; CTR and CTCVR
/// (label = click AND conversion, score = pCTCVR) use every impression. torch-rechub scores CVR on all rows,
/// which mixes in unclicked rows whose conversion label is 0 by construction; we follow the paper.
/// </summary>
/// <remarks>An undefined AUC (a single class, e.g. no clicked conversions) is NaN, as in <see cref="RocAuc"/>. Soft
/// labels (strictly between 0 and 1) are accepted: the CTCVR label is click x conversion (the training loss's), the
/// clicked rows are those with click 1, the log losses take the soft labels, and an AUC whose labels are not all 0
/// or 1 is NaN (it ranks positives against negatives, which soft labels do not name).</remarks>
public static class EsmmMetrics
{
    /// <summary>Computes every ESMM metric.</summary>
    /// <param name="clicks">Click label per row in [0, 1] (usually 0 or 1).</param>
    /// <param name="conversions">Conversion label per row in [0, 1] (only read on clicked rows and for CTCVR).</param>
    /// <param name="pCtr">Predicted click probability.</param>
    /// <param name="pCvr">Predicted conversion probability given a click.</param>
    /// <param name="pCtcvr">Predicted click-and-conversion probability (pCTR x pCVR).</param>
    /// <exception cref="ArgumentException">Lengths differ, a label is outside [0, 1], or a probability is NaN or outside [0, 1].</exception>
    public static EsmmMetricValues Compute(ReadOnlySpan<float> clicks, ReadOnlySpan<float> conversions,
        ReadOnlySpan<float> pCtr, ReadOnlySpan<float> pCvr, ReadOnlySpan<float> pCtcvr)
    {
        MetricInput.SameLength(clicks.Length, conversions.Length, nameof(clicks), nameof(conversions));
        MetricInput.SameLength(clicks.Length, pCtr.Length, nameof(clicks), nameof(pCtr));
        MetricInput.SameLength(clicks.Length, pCvr.Length, nameof(clicks), nameof(pCvr));
        MetricInput.SameLength(clicks.Length, pCtcvr.Length, nameof(clicks), nameof(pCtcvr));
        MetricInput.LabelsInUnitInterval(clicks, nameof(clicks));
        MetricInput.LabelsInUnitInterval(conversions, nameof(conversions));
        MetricInput.ProbabilitiesInUnitInterval(pCtr, nameof(pCtr));
        MetricInput.ProbabilitiesInUnitInterval(pCvr, nameof(pCvr));
        MetricInput.ProbabilitiesInUnitInterval(pCtcvr, nameof(pCtcvr));

        int n = clicks.Length;
        var ctcvrLabels = new float[n];
        var clickedConversions = new List<float>();
        var clickedPCvr = new List<float>();
        for (int i = 0; i < n; i++)
        {
            ctcvrLabels[i] = clicks[i] * conversions[i]; // click AND conversion for 0/1 labels
            if (clicks[i] != 1f) continue;
            clickedConversions.Add(conversions[i]);
            clickedPCvr.Add(pCvr[i]);
        }
        var cvrLabels = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clickedConversions);
        var cvrScores = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clickedPCvr);

        return new EsmmMetricValues(
            CtrAuc: RocAuc.ComputeIfBinary(clicks, pCtr),
            CtcvrAuc: RocAuc.ComputeIfBinary(ctcvrLabels, pCtcvr),
            CvrAuc: RocAuc.ComputeIfBinary(cvrLabels, cvrScores),
            CtrLogLoss: LogLoss.Compute(clicks, pCtr),
            CtcvrLogLoss: LogLoss.Compute(ctcvrLabels, pCtcvr),
            CvrLogLoss: LogLoss.Compute(cvrLabels, cvrScores),
            ClickedRows: cvrLabels.Length);
    }
}
