namespace RecDsl.Metrics;

/// <summary>Argument checks shared by the metrics, so every metric rejects bad input with the same clear message.</summary>
internal static class MetricInput
{
    public static void SameLength(int expected, int actual, string expectedName, string actualName)
    {
        if (expected != actual)
            throw new ArgumentException($"{actualName} has {actual} elements but {expectedName} has {expected}; they must match row for row.", actualName);
    }

    /// <summary>AUC-style metrics rank rows by label, so a label must be exactly 0 or 1.</summary>
    public static void BinaryLabels(ReadOnlySpan<float> labels, string name)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            var y = labels[i];
            if (y != 0f && y != 1f)
                throw new ArgumentException($"{name}[{i}] = {Show(y)}; AUC needs binary labels (0 or 1).", name);
        }
    }

    /// <summary>True when every label is exactly 0 or 1, so that an AUC is defined.</summary>
    public static bool AreBinary(ReadOnlySpan<float> labels)
    {
        foreach (var y in labels)
            if (y != 0f && y != 1f) return false;
        return true;
    }

    /// <summary>Log loss accepts soft labels, but only inside [0, 1].</summary>
    public static void LabelsInUnitInterval(ReadOnlySpan<float> labels, string name)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            var y = labels[i];
            if (!(y >= 0f && y <= 1f))
                throw new ArgumentException($"{name}[{i}] = {Show(y)} is outside [0, 1].", name);
        }
    }

    public static void NoNaN(ReadOnlySpan<float> scores, string name)
    {
        for (int i = 0; i < scores.Length; i++)
            if (float.IsNaN(scores[i]))
                throw new ArgumentException($"{name}[{i}] is NaN; a metric cannot rank or score NaN (did training diverge?).", name);
    }

    public static void ProbabilitiesInUnitInterval(ReadOnlySpan<float> probabilities, string name)
    {
        NoNaN(probabilities, name);
        for (int i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            if (p < 0f || p > 1f)
                throw new ArgumentException($"{name}[{i}] = {Show(p)} is not a probability (outside [0, 1]); pass probabilities, not logits.", name);
        }
    }

    private static string Show(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
