namespace RecDsl.Generator.Emitting
{
    /// <summary>One emitted source file.</summary>
    internal sealed record GeneratedFile(string HintName, string Text);
}
