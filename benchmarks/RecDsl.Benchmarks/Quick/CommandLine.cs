namespace RecDsl.Benchmarks.Quick;

/// <summary>The quick modes' options: <c>--name value</c> anywhere after the mode.</summary>
internal static class CommandLine
{
    /// <summary>The positive integer after <paramref name="name"/>, or <paramref name="fallback"/> when it is absent
    /// or not a positive integer.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name, ""), out var value) && value > 0 ? value : fallback;

    /// <summary>The word after <paramref name="name"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public static string Text(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
