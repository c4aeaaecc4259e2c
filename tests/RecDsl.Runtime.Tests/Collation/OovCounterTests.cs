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

    [Fact]
    public void A_snapshot_keeps_the_counts_of_its_moment_by_feature_name()
    {
        var counter = new OovCounter(new[] { "UserId", "Site" });
        counter.Add(0, 4);

        var snapshot = counter.Snapshot();
        counter.Add(0, 1);
        counter.Reset();

        Assert.Equal(new[] { "UserId", "Site" }, counter.Features);
        Assert.Equal(new Dictionary<string, long> { ["UserId"] = 4, ["Site"] = 0 }, snapshot);
        Assert.Equal("No OOV counter for 'Item'.", Assert.Throws<KeyNotFoundException>(() => counter["Item"]).Message);
    }
}
