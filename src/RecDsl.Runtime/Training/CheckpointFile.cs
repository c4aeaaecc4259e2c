using System.Buffers.Binary;
using System.IO.Hashing;

namespace RecDsl.Training;

/// <summary>
/// The framing of a checkpoint file: an 8-byte magic, a format version, the payload length, the payload and an
/// XxHash64 of the payload. Written to a temporary file in the same folder, flushed to disk and renamed over the
/// target, so a crash leaves either the old checkpoint or the new one, never a mix. Read back in full and
/// verified before anything is parsed, so a truncated or damaged file fails with a message saying which.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "RDSLCKPT"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 8;
    private const int TrailerLength = 8;

    public static void Write(string path, ReadOnlySpan<byte> payload)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> header = stackalloc byte[HeaderLength];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[12..], payload.Length);
                stream.Write(header);
                stream.Write(payload);
                Span<byte> trailer = stackalloc byte[TrailerLength];
                BinaryPrimitives.WriteUInt64LittleEndian(trailer, XxHash64.HashToUInt64(payload));
                stream.Write(trailer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The verified payload of the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">Missing, not a checkpoint, another format version, truncated or corrupt.</exception>
    public static byte[] Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"Checkpoint '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CheckpointException($"'{path}' is not a RecDsl checkpoint (it does not start with the RDSLCKPT marker).");
        if (bytes.Length < HeaderLength)
            throw new CheckpointException($"Checkpoint '{path}' is truncated: {bytes.Length} bytes, shorter than its {HeaderLength}-byte header.");

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion)
            throw new CheckpointException($"Checkpoint '{path}' has format version {version}; this RecDsl reads version {FormatVersion}.");
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        long expected = HeaderLength + payloadLength + TrailerLength;
        if (payloadLength < 0 || bytes.Length > expected)
            throw new CheckpointException($"Checkpoint '{path}' is corrupt: its header announces {payloadLength} payload bytes, which does not match the file's {bytes.Length} bytes.");
        if (bytes.Length < expected)
            throw new CheckpointException($"Checkpoint '{path}' is truncated: {bytes.Length} of {expected} bytes (an interrupted copy or a full disk?).");

        var payload = bytes.AsSpan(HeaderLength, (int)payloadLength);
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(HeaderLength + (int)payloadLength));
        if (XxHash64.HashToUInt64(payload) != stored)
            throw new CheckpointException($"Checkpoint '{path}' is corrupt: its checksum does not match its content (the file was damaged or edited).");
        return payload.ToArray();
    }
}
