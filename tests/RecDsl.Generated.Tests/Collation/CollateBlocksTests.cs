using RecDsl.Collation;
using Shop;

namespace RecDsl.Generated.Tests.Collation;

/// <summary><c>CollateBlocks</c>, the source of streamed training: consecutive blocks of a sequence, each the batch
/// the array path makes of the same records, read only as the blocks are asked for.</summary>
public class CollateBlocksTests
{
    private static ItemView[] Views(int n, int seed)
    {
        var r = new Random(seed);
        string[] tags = Enumerable.Range(0, 12).Select(i => "t" + i).ToArray();
        return Enumerable.Range(0, n).Select(_ => CollatorTests.RandomItemView(r, tags)).ToArray();
    }

    /// <summary>The records, counting how many have been read.</summary>
    private sealed class Counted<T>(IReadOnlyList<T> items)
    {
        public int Read { get; private set; }

        public IEnumerable<T> Items()
        {
            foreach (var item in items)
            {
                Read++;
                yield return item;
            }
        }
    }

    [Theory]
    [InlineData(37, 10, 4)]   // 10 + 10 + 10 + 7
    [InlineData(30, 10, 3)]   // ends on a block boundary: no empty fourth block
    [InlineData(6, 50, 1)]
    [InlineData(0, 10, 0)]
    public void Blocks_are_the_array_collation_of_consecutive_records(int count, int rowsPerBlock, int expectedBlocks)
    {
        var records = Views(count, 31);
        var vocabulary = ItemViewVocabulary.Fit(Views(40, 32));
        var reference = new ItemViewCollator(vocabulary);
        var collator = new ItemViewCollator(vocabulary) { StreamChunkRows = 4 }; // several chunks per block

        var blocks = collator.CollateBlocks(new Counted<ItemView>(records).Items(), rowsPerBlock).ToList();
        try
        {
            Assert.Equal(expectedBlocks, blocks.Count);
            for (int b = 0; b < blocks.Count; b++)
            {
                using var expected = reference.Collate(records.Skip(b * rowsPerBlock).Take(rowsPerBlock).ToArray());
                StreamedBlocksTests.AssertSameBlocks(expected, blocks[b]);
            }
        }
        finally
        {
            foreach (var block in blocks) block.Dispose();
        }
    }

    [Fact]
    public void Records_are_read_only_as_blocks_are_asked_for()
    {
        var source = new Counted<ItemView>(Views(25, 33));
        var collator = new ItemViewCollator(ItemViewVocabulary.Fit(Views(40, 34)));

        using var blocks = collator.CollateBlocks(source.Items(), 10).GetEnumerator();
        Assert.Equal(0, source.Read);
        Assert.True(blocks.MoveNext());
        using (blocks.Current) Assert.Equal(10, source.Read);
        Assert.True(blocks.MoveNext());
        using (blocks.Current) Assert.Equal(20, source.Read);
        Assert.True(blocks.MoveNext());
        using (blocks.Current) Assert.Equal(5, blocks.Current.Count);
        Assert.False(blocks.MoveNext());
    }

    [Fact]
    public void A_bad_value_is_named_by_its_row_in_the_whole_sequence()
    {
        var ok = new Shop.Strict.TaggedAd { Category = "shoes", Tags = ["a"] };
        var collator = new Shop.Strict.TaggedAdCollator(Shop.Strict.TaggedAdVocabulary.Fit(new[] { ok })) { StreamChunkRows = 3 };
        var records = Enumerable.Repeat(ok, 23).Append(ok with { Category = "socks" }).Append(ok);

        var error = Assert.Throws<CollationException>(() =>
        {
            foreach (var block in collator.CollateBlocks(records, 10)) block.Dispose();
        });
        Assert.Equal(("Category", 23, "socks"), (error.Member, error.Row, error.Value));
    }

    [Fact]
    public void A_block_size_below_one_is_refused()
    {
        var collator = new ItemViewCollator(ItemViewVocabulary.Fit(Views(5, 35)));
        Assert.Throws<ArgumentOutOfRangeException>(() => collator.CollateBlocks(Views(5, 36), 0));
    }
}
