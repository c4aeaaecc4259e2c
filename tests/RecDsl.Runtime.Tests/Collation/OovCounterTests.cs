using RecDsl.Collation;

namespace RecDsl.Tests.Collation;

public class OovCounterTests
{
    [Fact]
    public void Counts_per_feature_and_resets()
    {
        var counter = new OovCounter(new[] { "UserId", "Site" });
        counter.Add(1, 3);
        counter.Add(1, 2);
        Assert.Equal(0, counter["UserId"]);
        Assert.Equal(5, counter["Site"]);
        Assert.Equal(5, counter.Total);
        Assert.Equal("Site: 5", counter.ToString());
        counter.Reset();
        Assert.Equal(0, counter.Total);
        Assert.Equal("none", counter.ToString());
    }
}
