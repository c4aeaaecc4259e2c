namespace RecDsl.Tests.Data;

/// <summary>The real-format samples in tests/fixtures/data (see <see cref="Repository"/>).</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Repository.Fixture(name);

    /// <summary>The data lines of a fixture (header dropped), split on commas: the independent view of the file
    /// that the reader's results are checked against. The samples have no quoted fields.</summary>
    public static string[][] DataFields(string name) =>
        File.ReadAllLines(PathOf(name)).Skip(1).Select(line => line.Split(',')).ToArray();

    /// <summary>The header of a fixture, split on commas.</summary>
    public static string[] Header(string name) => File.ReadLines(PathOf(name)).First().Split(',');
}
