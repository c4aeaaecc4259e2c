namespace RecDsl.Generated.Tests.Data;

/// <summary>The real-format samples in tests/fixtures/data, found by walking up from the test binary to the
/// repository root (the folder with RecDsl.sln).</summary>
internal static class Fixtures
{
    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RecDsl.sln"))) return Path.Combine(dir.FullName, "tests", "fixtures", "data", name);
        throw new DirectoryNotFoundException($"No RecDsl.sln above {AppContext.BaseDirectory}");
    }
}
