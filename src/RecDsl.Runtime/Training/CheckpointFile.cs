using System.Buffers.Binary;
using System.IO.Hashing;

namespace RecDsl.Training;

/// <summary>What a checkpoint-format file holds: the first byte of its (checksummed) payload.</summary>
internal enum PayloadKind : byte
{
    /// <summary>A training checkpoint (<see cref="TrainingCheckpoint"/>): resumable, with optimizer state.</summary>
    Training = 1,
    /// <summary>A saved model (<see cref="ModelFile"/>): weights, options and vocabularies, for prediction.</summary>
    Model = 2,
}

/// <summary>
/// The framing of every file RecDsl writes with weights in it (training checkpoints and saved models): an 8-byte
/// magic, a format version, the payload length, the payload (its first byte says which kind of file it is) and an
/// XxHash64 of the payload. Written to a temporary file in the same folder, flushed to disk and renamed over the
/// target, so a crash leaves either the old file or the new one, never a mix. Read back in full and verified before
/// anything is parsed, so a truncated or damaged file fails with a message saying which.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>Version 2 added the payload kind byte (version 1 held training checkpoints only); version 3 the
    /// vocabulary digest of training checkpoints.</summary>
    public const int FormatVersion = 3;
    private static readonly byte[] Magic = "RDSLCKPT"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 8;
    private const int TrailerLength = 8;

    /// <summary>"Checkpoint" or "Saved model": how messages name a file of this kind.</summary>
    public static string Noun(PayloadKind kind) => kind == PayloadKind.Model ? "Saved model" : "Checkpoint";

    /// <summary>Writes <paramref name="kind"/> and <paramref name="payload"/> atomically to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or names a folder.</exception>
    public static void Write(string path, PayloadKind kind, ReadOnlySpan<byte> payload)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
        // The rename at the end of a write would fail with a bare "Is a directory" otherwise.
        if (NamesFolder(path, kind) is { } folder) throw new ArgumentException(folder, nameof(path));
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var hash = new XxHash64();
                ReadOnlySpan<byte> kindByte = [(byte)kind];
                hash.Append(kindByte);
                hash.Append(payload);
                Span<byte> header = stackalloc byte[HeaderLength];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[12..], 1L + payload.Length);
                stream.Write(header);
                stream.Write(kindByte);
                stream.Write(payload);
                Span<byte> trailer = stackalloc byte[TrailerLength];
                BinaryPrimitives.WriteUInt64LittleEndian(trailer, hash.GetCurrentHashAsUInt64());
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

    /// <summary>The verified payload (after the kind byte) of the file at <paramref name="path"/>, which must hold
    /// <paramref name="expected"/>.</summary>
    /// <exception cref="CheckpointException">Missing, not a RecDsl file, another format version, truncated, corrupt,
    /// or the other kind of file (a saved model given to resume, a checkpoint given to load).</exception>
    public static byte[] Read(string path, PayloadKind expected)
    {
        var noun = Noun(expected);
        if (Directory.Exists(path)) throw new CheckpointException($"{noun} '{path}' is a folder, not a file.");
        if (!File.Exists(path)) throw new CheckpointException($"{noun} '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CheckpointException($"'{path}' is not a RecDsl {noun.ToLowerInvariant()} (it does not start with the RDSLCKPT marker).");
        if (bytes.Length < HeaderLength)
            throw new CheckpointException($"{noun} '{path}' is truncated: {bytes.Length} bytes, shorter than its {HeaderLength}-byte header.");

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion)
            throw new CheckpointException($"{noun} '{path}' has format version {version}; this RecDsl reads version {FormatVersion}.");
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        long expectedLength = HeaderLength + payloadLength + TrailerLength;
        if (payloadLength < 1 || bytes.Length > expectedLength)
            throw new CheckpointException($"{noun} '{path}' is corrupt: its header announces {payloadLength} payload bytes, which does not match the file's {bytes.Length} bytes.");
        if (bytes.Length < expectedLength)
            throw new CheckpointException($"{noun} '{path}' is truncated: {bytes.Length} of {expectedLength} bytes (an interrupted copy or a full disk?).");

        var payload = bytes.AsSpan(HeaderLength, (int)payloadLength);
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(HeaderLength + (int)payloadLength));
        if (XxHash64.HashToUInt64(payload) != stored)
            throw new CheckpointException($"{noun} '{path}' is corrupt: its checksum does not match its content (the file was damaged or edited).");

        var kind = (PayloadKind)payload[0];
        if (kind != expected)
        {
            throw kind switch
            {
                PayloadKind.Model => new CheckpointException($"'{path}' is a saved model (model.Save), not a training checkpoint: load it with the generated model's Load."),
                PayloadKind.Training => new CheckpointException($"'{path}' is a training checkpoint, not a saved model: resume it with Trainer.Resume, then save the model with model.Save."),
                _ => new CheckpointException($"{noun} '{path}' holds an unknown kind of content ({(byte)kind})."),
            };
        }
        return payload[1..].ToArray();
    }

    /// <summary>Null when <paramref name="path"/> is not a folder; else "'path' is a folder; name a file in it, such as
    /// 'path/training.ckpt'." (or model.recdsl), for the writers and for options that take a file path.</summary>
    internal static string? NamesFolder(string path, PayloadKind kind) =>
        Directory.Exists(path)
            ? $"'{path}' is a folder; name a file in it, such as '{Path.Combine(path, kind == PayloadKind.Model ? "model.recdsl" : "training.ckpt")}'."
            : null;
}
