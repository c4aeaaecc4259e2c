namespace RecDsl.Collation;

/// <summary>
/// Reads a sequence of records in chunks of at most <c>maxRows</c> into one buffer, for the collator's and
/// <c>Predict</c>'s streamed paths. The buffer starts small and doubles only as records arrive: a chunk-sized array
/// up front (65,536 references, a large-object allocation) would be paid by every short sequence, such as a serving
/// request of a few records.
/// </summary>
internal sealed class RecordChunks<T>
{
    private const int FirstCapacity = 1024;
    private readonly IEnumerator<T> source;
    private readonly int maxRows;
    private T[] buffer;
    private int count;

    public RecordChunks(IEnumerator<T> source, int maxRows)
    {
        this.source = source;
        this.maxRows = maxRows;
        buffer = new T[Math.Min(maxRows, FirstCapacity)];
    }

    /// <summary>The buffer's length: tests check that it grows with the records, not with <c>maxRows</c>.</summary>
    internal int Capacity => buffer.Length;

    /// <summary>Whether the sequence has ended (the last chunk may still hold records).</summary>
    public bool Ended { get; private set; }

    /// <summary>The next records, at most <c>maxRows</c>; fewer only at the end of the sequence. Valid until the next
    /// call or <see cref="Release"/>.</summary>
    public ReadOnlySpan<T> Next()
    {
        Release();
        while (!Ended && count < maxRows)
        {
            if (count == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(maxRows, 2L * buffer.Length));
            if (!source.MoveNext())
            {
                Ended = true;
                break;
            }
            buffer[count++] = source.Current;
        }
        return buffer.AsSpan(0, count);
    }

    /// <summary>Drops the current chunk's references, so that the buffer does not keep the caller's records alive.</summary>
    public void Release()
    {
        Array.Clear(buffer, 0, count);
        count = 0;
    }
}
