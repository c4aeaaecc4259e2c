namespace RecDsl.Tests.Data;

/// <summary>The real-format samples in tests/fixtures/data, found by walking up from the test binary to the
/// repository root (the folder with RecDsl.sln), so the tests depend on nothing outside the repository.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecDsl.sln"))) return Path.Combine(dir.FullName, "tests", "fixtures", "data");
        }
        throw new DirectoryNotFoundException($"No RecDsl.sln above {AppContext.BaseDirectory}");
    });

    public static string PathOf(string name) => Path.Combine(Folder.Value, name);

    /// <summary>The data lines of a fixture (header dropped), split on commas: the independent view of the file
    /// that the reader's results are checked against. The samples have no quoted fields.</summary>
    public static string[][] DataFields(string name) =>
        File.ReadAllLines(PathOf(name)).Skip(1).Select(line => line.Split(',')).ToArray();

    /// <summary>The header of a fixture, split on commas.</summary>
    public static string[] Header(string name) => File.ReadLines(PathOf(name)).First().Split(',');
}
