namespace RecDsl.Training;

/// <summary>A read-only window [start, start + length) of a file, which it owns: a verified checkpoint payload read
/// in place, so its length, position and seeks are the payload's and a parser cannot run into the checksum after it.</summary>
internal sealed class PayloadStream : Stream
{
    private readonly FileStream file;
    private readonly long start;

    public PayloadStream(FileStream file, long start, long length)
    {
        this.file = file;
        this.start = start;
        Length = length;
        file.Seek(start, SeekOrigin.Begin);
    }

    public override long Length { get; }

    public override long Position { get => file.Position - start; set => Seek(value, SeekOrigin.Begin); }

    public override int Read(Span<byte> buffer)
    {
        long left = Length - Position;
        if (left <= 0) return 0;
        return file.Read(buffer.Length > left ? buffer[..(int)left] : buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override void Flush() { }
    /// <summary>Moves within the window only (the weights are skipped to check their names and shapes first).</summary>
    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };
        if (target < 0 || target > Length) throw new EndOfStreamException($"Position {target} is outside the payload's {Length} bytes.");
        file.Seek(start + target, SeekOrigin.Begin);
        return target;
    }

    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
