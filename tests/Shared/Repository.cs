namespace RecDsl.Tests.Shared;

/// <summary>Paths inside the repository, found by walking up from the test binary to the folder with RecDsl.sln, so
/// that tests read the repository's own files and depend on nothing outside it. Linked into every test project by
/// tests/Directory.Build.props.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RecDsl.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No RecDsl.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root (the folder with RecDsl.sln).</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A real-format sample in tests/fixtures/data.</summary>
    public static string Fixture(string name) => Path.Combine(Root, "tests", "fixtures", "data", name);
}
