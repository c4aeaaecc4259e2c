using System.Text;

namespace RecDsl.Training;

/// <summary>
/// How the result records print their collections. A record's default <c>ToString</c> writes a dictionary or an array
/// as its type name (<c>Validation = System.Collections.Generic.Dictionary`2[...]</c>), which tells a user printing a
/// result nothing; these write the values instead; numbers in the current culture, as the record's own members.
/// </summary>
internal static class ResultText
{
    /// <summary>How many values of a longer array are shown before "...".</summary>
    public const int ShownValues = 5;

    /// <summary><c>{ auc = 0.7412, logloss = 0.4561 }</c>, in the dictionary's order; <c>{}</c> when empty.</summary>
    public static void AppendMetrics(StringBuilder builder, IReadOnlyDictionary<string, double> metrics)
    {
        builder.Append('{');
        bool first = true;
        foreach (var (name, value) in metrics)
        {
            builder.Append(first ? " " : ", ").Append(name).Append(" = ").Append(value);
            first = false;
        }
        builder.Append(first ? "}" : " }");
    }

    /// <summary><c>[0.41, 0.42, 0.43, 0.4, 0.5, ... (50 values)]</c>: the first values and the count.</summary>
    public static void AppendValues(StringBuilder builder, float[] values)
    {
        builder.Append('[');
        int shown = Math.Min(values.Length, ShownValues);
        for (int i = 0; i < shown; i++)
            builder.Append(i == 0 ? "" : ", ").Append(values[i]);
        if (values.Length > shown) builder.Append(", ... (").Append(values.Length).Append(" values)");
        builder.Append(']');
    }
}
