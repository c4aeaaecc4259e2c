namespace RecDsl.Training;

/// <summary>A read-only window [start, start + length) of a file, which it owns: a verified checkpoint payload read
/// in place, so its length and position are the payload's and a parser cannot run into the checksum after it.</summary>
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

    public override long Position { get => file.Position - start; set => throw new NotSupportedException(); }

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
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
