using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Tests.Collation;

/// <summary>The two ways a collator fills a batch: in place into the CPU batch's new tensors, or into reused host
/// arrays that are then copied (every other device; CUDA's copy is pinned and non-blocking). A hand-written Fill, as
/// the generator writes it, on both paths.</summary>
public class RecordCollatorPathTests
{
    private sealed record Row(long Id, float Price, long[] History, bool Clicked);

    private class RowCollator : RecordCollator<Row, FeatureBatch>
    {
        public RowCollator() : base(new FeatureSchema("Row", new[]
        {
            new FeatureInfo("Id", FeatureKind.Sparse, FeatureRoles.Deep, 0, "Id", 10, 4),
            new FeatureInfo("Price", FeatureKind.Dense, FeatureRoles.Deep, 0, "", 0, 0),
            new FeatureInfo("History", FeatureKind.Sequence, FeatureRoles.Deep, 0, "Id", 10, 4, MaxLen: 3),
        }, new LabelInfo(Label: "Clicked")))
        {
        }

        protected override void Fill(ReadOnlySpan<Row> records, HostBuffers buffers)
        {
            BeforeFill();
            Span<long> sparse = buffers.Sparse, history = buffers.Sequence(0);
            Span<float> dense = buffers.Dense, label = buffers.Label;
            long oov = 0;
            for (int i = 0; i < records.Length; i++)
            {
                sparse[i] = CountOov(EmbeddingRows.RowOf(records[i].Id, 10), ref oov);
                dense[i] = Finite(records[i].Price, "Price", i);
                var items = records[i].History;
                int start = Math.Max(0, items.Length - 3);
                for (int k = start; k < items.Length; k++) history[i * 3 + k - start] = EmbeddingRows.RowOf(items[k], 10);
                history.Slice(i * 3 + items.Length - start, 3 - (items.Length - start)).Clear();
                label[i] = records[i].Clicked ? 1F : 0F;
            }
            Oov.Add(0, oov);
        }

        protected virtual void BeforeFill() { }

        protected override FeatureBatch CreateBatch(int count, Tensor sparseRows, Tensor dense, Tensor[] sequenceRows,
            Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups) =>
            new(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);
    }

    private static readonly Row[] First =
    {
        new(3, 1.5f, new long[] { 1, 2, 3, 4 }, true),
        new(12, 2.5f, new long[] { 7 }, false),
    };

    private static readonly Row[] Second = { new(5, 9f, Array.Empty<long>(), true) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_paths_fill_the_same_batch_and_a_batch_keeps_its_values_after_the_next_one(bool fromHostArrays)
    {
        var collator = new RowCollator { UploadFromHostArrays = fromHostArrays };
        using var first = collator.Collate(First);
        using var second = collator.Collate(Second); // reuses the host arrays on the copy path

        Assert.Equal(new long[] { 5, 1 }, first.SparseRows.data<long>().ToArray());
        Assert.Equal(new[] { 1.5f, 2.5f }, first.Dense.data<float>().ToArray());
        Assert.Equal(new long[] { 4, 5, 6, 9, 0, 0 }, first.SequenceRows[0].data<long>().ToArray());
        Assert.Equal(new[] { 1f, 0f }, first.Label!.data<float>().ToArray());
        Assert.Equal(new long[] { 7 }, second.SparseRows.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 0 }, second.SequenceRows[0].data<long>().ToArray());
        Assert.Equal(1, collator.Oov["Id"]);
    }

    [Fact]
    public void A_batch_filled_in_place_owns_its_tensors()
    {
        var collator = new RowCollator();
        using var first = collator.Collate(First);
        using var second = collator.Collate(First);
        second.SparseRows[0, 0] = tensor(9L);
        Assert.Equal(5, first.SparseRows[0, 0].item<long>());
    }

    /// <summary>Holds its first Fill until released, so that a second thread certainly arrives while one collates.</summary>
    private sealed class PausingCollator : RowCollator
    {
        public readonly ManualResetEventSlim Filling = new(), Release = new();

        protected override void BeforeFill()
        {
            if (Filling.IsSet) return;
            Filling.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_second_thread_collating_with_the_same_collator_is_refused_and_the_first_batch_is_whole()
    {
        var collator = new PausingCollator();
        var first = Task.Run(() => collator.Collate(First));
        Assert.True(collator.Filling.Wait(TimeSpan.FromSeconds(30)));

        var error = Assert.Throws<InvalidOperationException>(() => collator.Collate(Second));
        var fromList = Assert.Throws<InvalidOperationException>(() => collator.Collate((IReadOnlyList<Row>)Second.ToList().AsReadOnly()));
        collator.Release.Set();
        using var batch = await first;

        Assert.StartsWith("This PausingCollator is already collating a batch on another thread.", error.Message);
        Assert.Equal(error.Message, fromList.Message);
        Assert.Equal(new long[] { 5, 1 }, batch.SparseRows.data<long>().ToArray()); // First's ids 3 and 12 (OOV), untouched
        Assert.Equal(1, collator.Oov["Id"]);
        using var after = collator.Collate(Second); // free again once the first returned
        Assert.Equal(1, after.Count);
    }

    /// <summary>A record with a computed feature that throws for one value, as user code can.</summary>
    private sealed record Visits(long Id, long Days)
    {
        public long PerDay => Id / Days;
    }

    private sealed class VisitsCollator : RecordCollator<Visits, FeatureBatch>
    {
        public VisitsCollator() : base(new FeatureSchema("Visits", new[]
        {
            new FeatureInfo("PerDay", FeatureKind.Sparse, FeatureRoles.Deep, 0, "PerDay", 10, 4),
        }, new LabelInfo()))
        {
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        protected override void Fill(ReadOnlySpan<Visits> records, HostBuffers buffers)
        {
            Span<long> sparse = buffers.Sparse;
            long oov = 0;
            for (int i = 0; i < records.Length; i++) sparse[i] = CountOov(EmbeddingRows.RowOf(records[i].PerDay, 10), ref oov);
            Oov.Add(0, oov);
        }

        protected override FeatureBatch CreateBatch(int count, Tensor sparseRows, Tensor dense, Tensor[] sequenceRows,
            Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups) =>
            new(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_whose_own_code_throws_is_named_by_row_and_the_oov_counts_are_left_as_they_were(bool fromHostArrays)
    {
        var collator = new VisitsCollator { UploadFromHostArrays = fromHostArrays };
        var records = new[] { new Visits(50, 1), new Visits(4, 2), new Visits(9, 0), new Visits(70, 1) }; // 50 and 70 are OOV

        var error = Assert.Throws<CollationException>(() => collator.Collate(records));

        Assert.Equal(2, error.Row);
        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Matches(@"^Reading( .PerDay.)? of Visits at row 2 threw DivideByZeroException: ", error.Message);
        Assert.Equal(0, collator.Oov.Total);
        using var batch = collator.Collate(records[..2]); // still usable, and counts as before
        Assert.Equal(1, collator.Oov["PerDay"]);
    }
}
