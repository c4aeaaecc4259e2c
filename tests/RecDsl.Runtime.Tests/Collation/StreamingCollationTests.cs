using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Tests.Collation;

/// <summary><c>Collate(IEnumerable)</c> reads a sequence once, in chunks, and joins them: the batch is the one the array
/// path makes of the same records, block for block, whatever the chunk size, and errors name the record's position in
/// the sequence.</summary>
public class StreamingCollationTests
{
    private sealed record Row(long Id, float Price, long[] History, bool Clicked, long User);

    private sealed class RowCollator : RecordCollator<Row, FeatureBatch>
    {
        public RowCollator() : base(new FeatureSchema("Row", new[]
        {
            new FeatureInfo("Id", FeatureKind.Sparse, FeatureRoles.Deep, 0, "Id", 10, 4),
            new FeatureInfo("Price", FeatureKind.Dense, FeatureRoles.Deep, 0, "", 0, 0),
            new FeatureInfo("History", FeatureKind.Sequence, FeatureRoles.Deep, 0, "Id", 10, 4, MaxLen: 3),
        }, new LabelInfo(Label: "Clicked", Group: "User")))
        {
        }

        protected override void Fill(ReadOnlySpan<Row> records, HostBuffers buffers)
        {
            Span<long> sparse = buffers.Sparse, history = buffers.Sequence(0);
            Span<float> dense = buffers.Dense, label = buffers.Label;
            long[] groups = buffers.Groups!;
            long oov = 0, oovHistory = 0;
            for (int i = 0; i < records.Length; i++)
            {
                sparse[i] = CountOov(EmbeddingRows.RowOf(records[i].Id, 10), ref oov);
                dense[i] = Finite(records[i].Price, "Price", i);
                var items = records[i].History;
                int start = Math.Max(0, items.Length - 3);
                for (int k = start; k < items.Length; k++) history[i * 3 + k - start] = CountOov(EmbeddingRows.RowOf(items[k], 10), ref oovHistory);
                history.Slice(i * 3 + items.Length - start, 3 - (items.Length - start)).Clear();
                label[i] = records[i].Clicked ? 1F : 0F;
                groups[i] = records[i].User;
            }
            Oov.Add(0, oov);
            Oov.Add(1, oovHistory);
        }

        protected override FeatureBatch CreateBatch(int count, Tensor sparseRows, Tensor dense, Tensor[] sequenceRows,
            Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups) =>
            new(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);
    }

    private static Row[] Rows(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Row(r.Next(14), (float)r.NextDouble(),
            Enumerable.Range(0, r.Next(6)).Select(_ => (long)r.Next(12)).ToArray(), r.Next(2) == 1, r.Next(5))).ToArray();
    }

    /// <summary>The records as a sequence that is neither a list nor a collection, and counts how often it is read.</summary>
    private sealed class OneShot<T>(IReadOnlyList<T> items) : IEnumerable<T>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<T> GetEnumerator()
        {
            Enumerations++;
            foreach (var item in items) yield return item;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // TorchSharp's accessor cannot copy out an empty tensor.
    private static T[] Values<T>(Tensor t) where T : unmanaged => t.numel() == 0 ? Array.Empty<T>() : t.data<T>().ToArray();

    private static void AssertSameBatch(FeatureBatch expected, FeatureBatch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.SparseRows.shape, actual.SparseRows.shape);
        Assert.Equal(Values<long>(expected.SparseRows), Values<long>(actual.SparseRows));
        Assert.Equal(expected.Dense.shape, actual.Dense.shape);
        Assert.Equal(Values<float>(expected.Dense), Values<float>(actual.Dense));
        Assert.Equal(expected.SequenceRows[0].shape, actual.SequenceRows[0].shape);
        Assert.Equal(Values<long>(expected.SequenceRows[0]), Values<long>(actual.SequenceRows[0]));
        Assert.Equal(Values<float>(expected.Label!), Values<float>(actual.Label!));
        Assert.Equal(expected.Groups, actual.Groups);
        Assert.Equal(expected.RecordName, actual.RecordName);
    }

    [Theory]
    [InlineData(23, 1, false)]
    [InlineData(23, 4, false)]
    [InlineData(24, 4, false)]  // ends on a chunk boundary
    [InlineData(23, 4, true)]   // the other devices' path: host arrays, then one copy per block
    [InlineData(23, 100, false)] // one chunk: returned as it is
    [InlineData(0, 4, false)]
    public void A_stream_collates_into_the_batch_an_array_of_the_same_records_makes(int rows, int chunkRows, bool fromHostArrays)
    {
        var records = Rows(rows, seed: rows + chunkRows);
        var streaming = new RowCollator { StreamChunkRows = chunkRows, UploadFromHostArrays = fromHostArrays };
        var direct = new RowCollator();
        var stream = new OneShot<Row>(records);

        using var streamed = streaming.Collate(stream);
        using var expected = direct.Collate(records);

        AssertSameBatch(expected, streamed);
        Assert.Equal(1, stream.Enumerations);
        Assert.Equal(direct.Oov["Id"], streaming.Oov["Id"]);
        Assert.Equal(direct.Oov["History"], streaming.Oov["History"]);
        Assert.True(rows == 0 || streaming.Oov.Total > 0, "the planted ids 10-13 must reach the OOV row");
    }

    [Fact]
    public void A_chunk_holds_at_least_one_record()
    {
        Assert.Equal(65_536, new RowCollator().StreamChunkRows);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowCollator { StreamChunkRows = 0 });
    }

    [Fact]
    public void A_list_given_as_a_sequence_takes_the_list_path()
    {
        var records = Rows(9, seed: 3).ToList();
        var stream = new RowCollator { StreamChunkRows = 2 };
        using var asSequence = stream.Collate((IEnumerable<Row>)records);
        using var expected = new RowCollator().Collate(records);
        AssertSameBatch(expected, asSequence);
    }

    [Fact]
    public void A_bad_value_in_a_later_chunk_is_named_by_its_position_in_the_stream()
    {
        var records = Rows(30, seed: 5);
        records[22] = records[22] with { Price = float.NaN };
        var collator = new RowCollator { StreamChunkRows = 8 };

        var error = Assert.Throws<CollationException>(() => collator.Collate(new OneShot<Row>(records)));

        Assert.Equal(("Price", 22), (error.Member, error.Row));
        Assert.StartsWith("Dense feature 'Price' has the value NaN at row 22. ", error.Message);
        using var after = collator.Collate(new OneShot<Row>(records[..22])); // the collator is free again
        Assert.Equal(22, after.Count);
    }

    [Fact]
    public void A_null_record_in_a_later_chunk_is_named_by_its_position_in_the_stream()
    {
        var records = Rows(12, seed: 6).Cast<Row?>().ToArray();
        records[9] = null;
        var error = Assert.Throws<ArgumentException>(() => new RowCollator { StreamChunkRows = 4 }.Collate(new OneShot<Row>(records!)));
        Assert.StartsWith("Record 9 of the records is null.", error.Message);
    }

    [Fact]
    public void A_stream_that_throws_leaves_the_collator_usable()
    {
        static IEnumerable<Row> Failing(Row[] rows)
        {
            foreach (var row in rows) yield return row;
            throw new IOException("disk gone");
        }

        var records = Rows(10, seed: 7);
        var collator = new RowCollator { StreamChunkRows = 4 };
        Assert.Equal("disk gone", Assert.Throws<IOException>(() => collator.Collate(Failing(records))).Message);
        using var batch = collator.Collate(new OneShot<Row>(records));
        Assert.Equal(10, batch.Count);
    }

    // A block is filled through one span, which ends at 2 GB: a batch whose widest block is larger is collated in
    // parts and joined. Here the history block is 24 bytes a row, so a 100-byte limit makes parts of 4 rows.
    [Theory]
    [InlineData(23, false)]
    [InlineData(24, false)]
    [InlineData(23, true)]
    public void An_array_too_large_for_one_span_per_block_collates_in_parts_into_the_same_batch(int rows, bool fromHostArrays)
    {
        var records = Rows(rows, seed: 11);
        var parts = new RowCollator { MaxBlockBytes = 100, UploadFromHostArrays = fromHostArrays };
        var whole = new RowCollator();

        using var joined = parts.Collate(records);
        using var expected = whole.Collate(records);

        AssertSameBatch(expected, joined);
        Assert.Equal(whole.Oov["Id"], parts.Oov["Id"]);
        Assert.Equal(whole.Oov["History"], parts.Oov["History"]);
        Assert.True(parts.Oov.Total > 0, "the planted ids 10-13 must reach the OOV row");
    }

    [Fact]
    public void A_limit_below_one_row_collates_one_row_a_part_instead_of_recursing()
    {
        var records = Rows(9, seed: 14);
        using var joined = new RowCollator { MaxBlockBytes = 10 }.Collate(records);
        using var expected = new RowCollator().Collate(records);
        AssertSameBatch(expected, joined);
    }

    [Fact]
    public void A_bad_value_in_a_later_part_is_named_by_its_row_in_the_array()
    {
        var records = Rows(30, seed: 5);
        records[22] = records[22] with { Price = float.NaN };
        var collator = new RowCollator { MaxBlockBytes = 100 };

        var error = Assert.Throws<CollationException>(() => collator.Collate(records));

        Assert.Equal(("Price", 22), (error.Member, error.Row));
        using var after = collator.Collate(records[..22]);
        Assert.Equal(22, after.Count);
    }

    // The joins create and free a tensor per chunk and block; none may be left to the finalizer (it would hold its
    // memory, on a GPU device memory, until the GC runs). TorchSharp counts the tensors alive on this thread.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_collation_path_frees_what_it_does_not_hand_over(bool fromHostArrays)
    {
        var records = Rows(40, seed: 12);
        var paths = new (string Name, Func<FeatureBatch> Collate)[]
        {
            ("array", () => new RowCollator { UploadFromHostArrays = fromHostArrays }.Collate(records)),
            ("stream", () => new RowCollator { StreamChunkRows = 7, UploadFromHostArrays = fromHostArrays }.Collate(new OneShot<Row>(records))),
            ("parts", () => new RowCollator { MaxBlockBytes = 100, UploadFromHostArrays = fromHostArrays }.Collate(records)),
        };
        foreach (var (name, collate) in paths)
        {
            collate().Dispose();
            long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            collate().Dispose();
            collate().Dispose();
            Assert.True(before == TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount, $"the {name} path left tensors alive");
        }
    }

    // On another device the chunks are collated on the host and joined onto the device, so the device holds the batch
    // and nothing more. The meta device (shapes, no memory) stands in for a GPU here: this checks placement, shapes and
    // that the host chunks are freed, not the device's peak (unobservable here); the GPU check compares the values on
    // CUDA (CHECK collate_stream_*).
    [Fact]
    public void Chunks_for_another_device_are_joined_onto_it_from_the_host()
    {
        var records = Rows(23, seed: 13);
        var meta = new Device("meta");
        var collator = new RowCollator { StreamChunkRows = 4 };
        using var expected = new RowCollator().Collate(records);
        collator.Collate(new OneShot<Row>(records), meta).Dispose();
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (var joined = collator.Collate(new OneShot<Row>(records), meta))
        {
            Assert.All(new[] { joined.SparseRows, joined.Dense, joined.SequenceRows[0], joined.Label! }, t => Assert.Equal(TorchSharp.DeviceType.META, t.device_type));
            Assert.Equal(expected.SparseRows.shape, joined.SparseRows.shape);
            Assert.Equal(expected.SequenceRows[0].shape, joined.SequenceRows[0].shape);
            Assert.Equal(expected.Groups, joined.Groups);
        }
        using (var parts = new RowCollator { MaxBlockBytes = 100 }.Collate(records, meta))
            Assert.Equal(TorchSharp.DeviceType.META, parts.SequenceRows[0].device_type);
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
