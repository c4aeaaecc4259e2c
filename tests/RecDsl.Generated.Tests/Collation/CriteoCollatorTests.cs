using Criteo;

namespace RecDsl.Generated.Tests.Collation;

/// <summary>The Criteo shape (26 sparse ints + 13 dense floats) against the reference. Throughput belongs to the
/// benchmarks, not to unit tests.</summary>
public class CriteoCollatorTests
{
    private static CriteoRow[] Rows(int n, int seed)
    {
        var r = new Random(seed);
        var rows = new CriteoRow[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new CriteoRow
            {
                Clicked = r.Next(4) == 0,
                I1 = r.Next(100), I2 = r.Next(100), I3 = r.Next(100), I4 = r.Next(100), I5 = r.Next(100), I6 = r.Next(100),
                I7 = r.Next(100), I8 = r.Next(100), I9 = r.Next(100), I10 = r.Next(100), I11 = r.Next(100), I12 = r.Next(100),
                I13 = r.Next(5) == 0 ? float.NaN : r.Next(100),
                C1 = r.Next(110_000), C2 = r.Next(110_000), C3 = r.Next(110_000), C4 = r.Next(110_000), C5 = r.Next(110_000),
                C6 = r.Next(110_000), C7 = r.Next(110_000), C8 = r.Next(110_000), C9 = r.Next(110_000), C10 = r.Next(110_000),
                C11 = r.Next(110_000), C12 = r.Next(110_000), C13 = r.Next(110_000), C14 = r.Next(110_000), C15 = r.Next(110_000),
                C16 = r.Next(110_000), C17 = r.Next(110_000), C18 = r.Next(110_000), C19 = r.Next(110_000), C20 = r.Next(110_000),
                C21 = r.Next(110_000), C22 = r.Next(110_000), C23 = r.Next(110_000), C24 = r.Next(110_000), C25 = r.Next(110_000),
                C26 = -r.Next(3),
            };
        }
        return rows;
    }

    [Fact]
    public void Criteo_rows_match_the_reference()
    {
        var rows = Rows(500, 1);
        var collator = new CriteoRowCollator();
        using var batch = collator.Collate(rows);
        var sparse = Reference.Longs(batch.SparseRows);
        var dense = Reference.Floats(batch.Dense);
        Assert.Equal(new long[] { 500, 26 }, batch.SparseRows.shape);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(Reference.IdRow(rows[i].C1, 100_000), sparse[i, 0]);
            Assert.Equal(Reference.IdRow(rows[i].C17, 100_000), sparse[i, 16]);
            Assert.Equal(Reference.IdRow(rows[i].C26, 100_000), sparse[i, 25]);
            Assert.Equal(rows[i].I1, dense[i * 13]);
            Assert.Equal(float.IsNaN(rows[i].I13) ? 0f : rows[i].I13, dense[i * 13 + 12]);
        }
        long expectedOov = rows.Sum(x => new[] { x.C1, x.C2, x.C3, x.C4, x.C5, x.C6, x.C7, x.C8, x.C9, x.C10, x.C11, x.C12, x.C13,
            x.C14, x.C15, x.C16, x.C17, x.C18, x.C19, x.C20, x.C21, x.C22, x.C23, x.C24, x.C25, x.C26 }.Count(v => v < 0 || v >= 100_000));
        Assert.Equal(expectedOov, collator.Oov.Total);
    }
}
