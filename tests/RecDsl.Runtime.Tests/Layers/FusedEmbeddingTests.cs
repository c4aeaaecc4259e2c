using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class FusedEmbeddingTests
{
    private static readonly TableInfo[] Tables = { new("A", 5, 3), new("B", 7, 3) };

    [Fact]
    public void Tables_are_laid_out_one_after_another_with_their_padding_rows_at_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var fused = new FusedEmbedding(Tables, 3);
        Assert.Equal(0, fused.RowOffset("A"));
        Assert.Equal(5, fused.RowOffset("B"));
        Assert.Equal(12, fused.Rows);
        var w = Values(fused.Weight);
        Assert.All(w.Skip(0 * 3).Take(3), v => Assert.Equal(0.0, v));
        Assert.All(w.Skip(5 * 3).Take(3), v => Assert.Equal(0.0, v));
        Assert.Contains(w.Skip(6 * 3).Take(3), v => v != 0); // B's OOV row is learned
    }

    [Fact]
    public void Lookup_of_a_table_reads_that_tables_rows()
    {
        using var scope = torch.NewDisposeScope();
        using var fused = new FusedEmbedding(Tables, 3);
        var rows = new long[] { 1, 6, 2 };
        var output = fused.Lookup(Rows(rows, 3), "B");
        var w = Values(fused.Weight);
        Close(rows.SelectMany(r => w.Skip((int)(5 + r) * 3).Take(3)).ToArray(), output, 0, 0);
    }

    [Fact]
    public void Writing_one_tables_rows_does_not_change_the_other_table()
    {
        using var scope = torch.NewDisposeScope();
        using var fused = new FusedEmbedding(Tables, 3);
        var rows = Rows(new long[] { 0, 1, 2, 3, 4, 5, 6 }, 7);
        var before = fused.Lookup(rows, "B");
        using (torch.no_grad()) fused.Weight.narrow(0, 0, 5).fill_(7);
        Same(before, fused.Lookup(rows, "B"), 0);
        Assert.All(Values(fused.Lookup(rows.narrow(0, 0, 5), "A")), v => Assert.Equal(7.0, v));
    }

    [Fact]
    public void A_table_listed_twice_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new FusedEmbedding(new[] { Tables[0], Tables[0] }, 3));
    }

    [Fact]
    public void A_weight_too_large_to_allocate_names_its_largest_tables_and_the_size()
    {
        // 2^45 rows x 16 floats is 2 PiB, beyond any address space, so the allocation fails on every machine at once
        // (nothing is touched page by page).
        var tables = new TableInfo[] { new("A", 5, 16), new("Site", 1L << 45, 16) };

        var error = Assert.Throws<InsufficientMemoryException>(() => new FusedEmbedding(tables, 16));

        Assert.StartsWith("Cannot allocate the embedding weight of dimension 16: 35,184,372,088,837 rows x 16 float32 values = 2,097,152.0 GiB, " +
            "for 2 table(s), largest 'Site' 35,184,372,088,832 rows, 'A' 5 rows. Give the largest fewer HashBuckets or a smaller Vocab, or a smaller EmbeddingDim. (",
            error.Message);
        Assert.DoesNotContain("frame #", error.Message);
    }
}
