using RecDsl.Schema;

namespace RecDsl.Training;

/// <summary>Explains how a declaration differs from the one a checkpoint was written for, feature by feature,
/// from the <see cref="FeatureSchema.Describe"/> lines the checkpoint stores.</summary>
internal static class SchemaDifference
{
    public static IReadOnlyList<string> Explain(string savedRecord, IReadOnlyList<string> savedLines, FeatureSchema current)
    {
        var changes = new List<string>();
        if (savedRecord != current.RecordName)
            changes.Add($"record: '{savedRecord}' -> '{current.RecordName}'");

        var saved = savedLines.ToDictionary(FeatureName);
        var now = current.Describe().ToDictionary(FeatureName);
        foreach (var (name, line) in saved)
        {
            if (!now.TryGetValue(name, out var currentLine)) changes.Add($"removed: {line}");
            else if (currentLine != line) changes.Add($"changed: {line}  ->  {currentLine}");
        }
        foreach (var (name, line) in now)
            if (!saved.ContainsKey(name)) changes.Add($"added: {line}");

        var savedOrder = savedLines.Select(FeatureName).Where(now.ContainsKey).ToArray();
        var currentOrder = now.Keys.Where(saved.ContainsKey).ToArray();
        if (changes.Count == 0 && !savedOrder.SequenceEqual(currentOrder))
            changes.Add($"feature order: [{string.Join(", ", savedOrder)}] -> [{string.Join(", ", currentOrder)}]");
        return changes;
    }

    /// <summary>A Describe() line starts with "name: ".</summary>
    private static string FeatureName(string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line : line[..colon];
    }
}
