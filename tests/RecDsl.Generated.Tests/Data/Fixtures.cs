namespace RecDsl.Generated.Tests.Data;

/// <summary>The real-format samples in tests/fixtures/data.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Repository.Fixture(name);
}
