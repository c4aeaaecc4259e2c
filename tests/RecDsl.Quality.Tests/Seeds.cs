namespace RecDsl.Quality.Tests;

/// <summary>The seeds every quality test runs on: <c>RECDSL_QUALITY_SEEDS</c> (comma-separated), default 1 (CI). A seed
/// fixes the synthetic world, the rows, the initial weights and the training order, so each result is reproducible;
/// running several seeds measures how much the margins vary.</summary>
public static class Seeds
{
    /// <summary>xunit theory data: one row per seed.</summary>
    public static TheoryData<int> All()
    {
        var text = Environment.GetEnvironmentVariable("RECDSL_QUALITY_SEEDS");
        var seeds = string.IsNullOrWhiteSpace(text) ? [1] : text.Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var data = new TheoryData<int>();
        foreach (var seed in seeds) data.Add(seed);
        return data;
    }
}
