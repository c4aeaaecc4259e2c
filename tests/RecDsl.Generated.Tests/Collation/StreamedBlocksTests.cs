using RecDsl.Batching;
using Shop.Funnel;
using TorchSharp;

namespace RecDsl.Generated.Tests.Collation;

/// <summary>Every block a generated batch can have (several sequences, a float label, both ESMM labels) is joined
/// across the chunks of <c>Collate(IEnumerable)</c> into what the array path makes.</summary>
public class StreamedBlocksTests
{
    private static IEnumerable<T> Lazily<T>(IEnumerable<T> items)
    {
        foreach (var item in items) yield return item;
    }

    internal static void AssertSameBlocks(FeatureBatch expected, FeatureBatch actual)
    {
        static bool Same(torch.Tensor a, torch.Tensor b) => a.shape.SequenceEqual(b.shape) && a.equal(b).all().item<bool>();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(Same(expected.SparseRows, actual.SparseRows));
        Assert.True(Same(expected.Dense, actual.Dense));
        Assert.Equal(expected.SequenceRows.Count, actual.SequenceRows.Count);
        for (int s = 0; s < expected.SequenceRows.Count; s++) Assert.True(Same(expected.SequenceRows[s], actual.SequenceRows[s]), $"sequence {s}");
        foreach (var (e, a) in new[] { (expected.Label, actual.Label), (expected.ClickLabel, actual.ClickLabel), (expected.ConversionLabel, actual.ConversionLabel) })
        {
            Assert.Equal(e is null, a is null);
            if (e is not null) Assert.True(Same(e, a!));
        }
        Assert.Equal(expected.Groups, actual.Groups);
        Assert.Same(expected.Vocabularies, actual.Vocabularies);
    }

    [Fact]
    public void Din_records_with_three_sequences_and_a_float_label()
    {
        var r = new Random(21);
        string[] tags = Enumerable.Range(0, 12).Select(i => "t" + i).ToArray();
        var records = Enumerable.Range(0, 37).Select(_ => CollatorTests.RandomItemView(r, tags)).ToArray();
        var vocabulary = ItemViewVocabulary.Fit(records.Take(20));

        using var expected = new ItemViewCollator(vocabulary).Collate(records);
        using var streamed = new ItemViewCollator(vocabulary) { StreamChunkRows = 5 }.Collate(Lazily(records));

        Assert.Equal(3, streamed.SequenceRows.Count);
        AssertSameBlocks(expected, streamed);
    }

    [Fact]
    public void Esmm_records_with_both_labels()
    {
        var r = new Random(22);
        var records = Enumerable.Range(0, 29).Select(i => new Tracking.Impression(r.Next(1200), (DeviceKind)(i % 3), i % 2 == 0,
            Enumerable.Range(0, r.Next(0, 12)).Select(k => $"q{r.Next(40)}").ToArray(), r.NextDouble(), i % 3 == 0, i % 6 == 0)).ToArray();

        using var expected = new TrackingImpressionCollator().Collate(records);
        using var streamed = new TrackingImpressionCollator { StreamChunkRows = 4 }.Collate(Lazily(records));

        Assert.NotNull(streamed.ClickLabel);
        Assert.NotNull(streamed.ConversionLabel);
        AssertSameBlocks(expected, streamed);
    }
}
