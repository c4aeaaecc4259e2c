using System.Runtime.CompilerServices;
using RecDsl.Collation;

namespace RecDsl.Runtime.Tests.Collation;

/// <summary>The chunked reading behind the streamed <c>Collate</c> and <c>Predict</c>: every record once, in order,
/// in chunks of at most maxRows; a buffer that grows with the records read, not with maxRows; no record kept alive
/// once a chunk is released.</summary>
public class RecordChunksTests
{
    private static List<int[]> ReadAll(IEnumerable<int> items, int maxRows)
    {
        using var source = items.GetEnumerator();
        var reader = new RecordChunks<int>(source, maxRows);
        var chunks = new List<int[]>();
        while (!reader.Ended)
        {
            var chunk = reader.Next();
            if (!chunk.IsEmpty) chunks.Add(chunk.ToArray());
        }
        return chunks;
    }

    [Theory]
    [InlineData(2_500, 1_000, new[] { 1_000, 1_000, 500 })]
    [InlineData(6, 3, new[] { 3, 3 })]
    [InlineData(1, 65_536, new[] { 1 })]
    [InlineData(0, 10, new int[0])]
    [InlineData(5_000, 5_000, new[] { 5_000 })]
    public void Every_record_comes_once_in_order_in_chunks_of_at_most_max_rows(int count, int maxRows, int[] lengths)
    {
        var chunks = ReadAll(Enumerable.Range(0, count), maxRows);

        Assert.Equal(lengths, chunks.Select(c => c.Length));
        Assert.Equal(Enumerable.Range(0, count), chunks.SelectMany(c => c));
    }

    [Fact]
    public void The_buffer_grows_with_the_records_read_not_with_max_rows()
    {
        using (var few = Enumerable.Range(0, 10).GetEnumerator())
        {
            var reader = new RecordChunks<int>(few, 65_536);
            Assert.Equal(10, reader.Next().Length);
            Assert.Equal(1_024, reader.Capacity);
        }
        using (var more = Enumerable.Range(0, 3_000).GetEnumerator())
        {
            var reader = new RecordChunks<int>(more, 65_536);
            Assert.Equal(3_000, reader.Next().Length);
            Assert.Equal(4_096, reader.Capacity);
        }
        using (var capped = Enumerable.Range(0, 3_000).GetEnumerator())
        {
            var reader = new RecordChunks<int>(capped, 1_500);
            Assert.Equal(1_500, reader.Next().Length);
            Assert.Equal(1_500, reader.Capacity);
        }
    }

    [Fact]
    public void A_released_chunk_keeps_no_record_alive()
    {
        var (reader, record) = ReadOneRecord();
        reader.Release();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(record.IsAlive);
        GC.KeepAlive(reader);
    }

    // In its own frame, so that no local of the test holds the record.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (RecordChunks<object>, WeakReference) ReadOneRecord()
    {
        var source = new HandOnce();
        var reader = new RecordChunks<object>(source, 16);
        var chunk = reader.Next();
        Assert.Equal(1, chunk.Length);
        return (reader, new WeakReference(chunk[0]));
    }

    // One new record, forgotten once handed over: only the reader's buffer can hold it afterwards (a List's
    // enumerator would hold its list, and an iterator its Current).
    private sealed class HandOnce : IEnumerator<object>
    {
        private object? item;
        private bool done;

        public object Current
        {
            get
            {
                var handed = item!;
                item = null;
                return handed;
            }
        }

        object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (done) return false;
            done = true;
            item = new object();
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
