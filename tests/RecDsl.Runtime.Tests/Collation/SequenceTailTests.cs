using RecDsl.Collation;

namespace RecDsl.Tests.Collation;

public class SequenceTailTests
{
    private static IEnumerable<int> Lazy(int count)
    {
        for (int i = 0; i < count; i++) yield return i;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(13)]
    public void Keeps_the_most_recent_items_oldest_first(int count)
    {
        var scratch = new int[5];
        int kept = SequenceTail.Copy(Lazy(count), scratch);
        var expected = Enumerable.Range(0, count).Skip(Math.Max(0, count - 5)).ToArray();
        Assert.Equal(expected, scratch.Take(kept).ToArray());
    }

    [Fact]
    public void Null_is_empty() => Assert.Equal(0, SequenceTail.Copy<int>(null, new int[3]));
}
