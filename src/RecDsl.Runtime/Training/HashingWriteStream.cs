using System.IO.Hashing;

namespace RecDsl.Training;

/// <summary>A write-only stream that hashes (XxHash64) and counts what passes through it to another stream, so a
/// checkpoint's payload can be written straight to its file, of any size, with the checksum computed on the way.</summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly Stream inner;
    private readonly XxHash64 hash = new();

    public HashingWriteStream(Stream inner) => this.inner = inner;

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>The XxHash64 of the bytes written so far.</summary>
    public ulong Hash => hash.GetCurrentHashAsUInt64();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.Append(buffer);
        inner.Write(buffer);
        Written += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Written;
    public override long Position { get => Written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
