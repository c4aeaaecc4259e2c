namespace RecDsl.Export;

/// <summary>The Python files shipped inside the runtime assembly (Export/Python/*.py).</summary>
internal static class PythonSources
{
    /// <summary>The PyTorch layers and networks that mirror RecDsl's modules.</summary>
    public static string Library => Read("recdsl_torch.py");

    /// <summary>The round-trip check script, with <c>__MODULE__</c> and <c>__CLASS__</c> placeholders.</summary>
    public static string CheckScript => Read("check_roundtrip.py");

    private static string Read(string file)
    {
        using var stream = typeof(PythonSources).Assembly.GetManifestResourceStream("RecDsl.Export.Python." + file)
            ?? throw new InvalidOperationException($"The runtime assembly lacks its embedded {file}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
