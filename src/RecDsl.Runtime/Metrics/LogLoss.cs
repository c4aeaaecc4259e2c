namespace RecDsl.Metrics;

/// <summary>
/// Mean binary cross-entropy (log loss) of probabilities, computed in float64:
/// <c>-mean(y ln p + (1 - y) ln(1 - p))</c> with <c>p</c> clipped to <c>[epsilon, 1 - epsilon]</c>.
/// </summary>
/// <remarks>
/// The clip keeps a confidently wrong row finite. <see cref="DefaultEpsilon"/> = 1e-7 (about float32's
/// machine epsilon, 1.19e-7) caps one row's loss at about 16.1.
/// Soft labels in [0, 1] are accepted.
/// </remarks>
public static class LogLoss
{
    /// <summary>The clip applied to probabilities unless another is given: 1e-7.</summary>
    public const double DefaultEpsilon = 1e-7;

    /// <summary>Mean log loss of <paramref name="probabilities"/> against <paramref name="labels"/>.</summary>
    /// <param name="labels">Labels in [0, 1].</param>
    /// <param name="probabilities">Predicted probabilities in [0, 1] (not logits).</param>
    /// <param name="epsilon">Clip, in (0, 0.5).</param>
    /// <returns>The mean loss, or NaN for empty input.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a label or probability is outside [0, 1], or a probability is NaN.</exception>
    public static double Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, double epsilon = DefaultEpsilon)
    {
        if (!(epsilon > 0 && epsilon < 0.5))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The clip must lie in (0, 0.5).");
        MetricInput.SameLength(labels.Length, probabilities.Length, nameof(labels), nameof(probabilities));
        MetricInput.LabelsInUnitInterval(labels, nameof(labels));
        MetricInput.ProbabilitiesInUnitInterval(probabilities, nameof(probabilities));
        if (labels.Length == 0) return double.NaN;

        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double y = labels[i];
            double p = Math.Clamp((double)probabilities[i], epsilon, 1 - epsilon);
            sum -= y * Math.Log(p) + (1 - y) * Math.Log(1 - p);
        }
        return sum / labels.Length;
    }
}
