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
/// XxHash64 of the payload. Written through <see cref="AtomicFile"/> (a temporary file in the same folder, flushed to
/// disk and renamed over the target), so a crash leaves either the old file or the new one, never a mix. Read through and verified before
/// anything is parsed, so a truncated or damaged file fails with a message saying which; then parsed from the file
/// itself. Neither way holds the payload in memory, so weights of any size fit (a byte array ends at 2 GB).
/// </summary>
internal static class CheckpointFile
{
    /// <summary>Version 2 added the payload kind byte (version 1 held training checkpoints only); version 3 the
    /// vocabulary digest of training checkpoints.</summary>
    public const int FormatVersion = 3;
    private static readonly byte[] Magic = "RDSLCKPT"u8.ToArray();
    private const int HeaderLength = 8 + 4 + 8;
    private const int TrailerLength = 8;
    private const int BufferBytes = 1 << 20;

    /// <summary>"Checkpoint" or "Saved model": how messages name a file of this kind.</summary>
    public static string Noun(PayloadKind kind) => kind == PayloadKind.Model ? "Saved model" : "Checkpoint";

    /// <summary>Writes <paramref name="kind"/> and the payload that <paramref name="writePayload"/> writes atomically to
    /// <paramref name="path"/>. The payload goes straight to the file (hashed on the way), never whole in memory, so
    /// a file may be larger than an array can be (2 GB).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or names a folder.</exception>
    public static void Write(string path, PayloadKind kind, Action<BinaryWriter> writePayload)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
        // The rename at the end of a write would fail with a bare "Is a directory" otherwise.
        if (NamesFolder(path, kind) is { } folder) throw new ArgumentException(folder, nameof(path));
        AtomicFile.Replace(path, stream =>
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
            stream.Write(header); // the payload length is filled in once it is known
            var payload = new HashingWriteStream(stream);
            using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write((byte)kind);
                writePayload(writer);
            }
            Span<byte> trailer = stackalloc byte[TrailerLength];
            BinaryPrimitives.WriteUInt64LittleEndian(trailer, payload.Hash);
            stream.Write(trailer);
            stream.Seek(12, SeekOrigin.Begin);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, payload.Written);
            stream.Write(length);
        });
    }

    /// <summary>The verified payload (after the kind byte) of the file at <paramref name="path"/>, which must hold
    /// <paramref name="expected"/>, as a stream over the file; the caller disposes it. The whole file is checked
    /// (read once, block by block) before the stream is returned.</summary>
    /// <exception cref="CheckpointException">Missing, not a RecDsl file, another format version, truncated, corrupt,
    /// or the other kind of file (a saved model given to resume, a checkpoint given to load).</exception>
    public static Stream OpenPayload(string path, PayloadKind expected)
    {
        var noun = Noun(expected);
        if (Directory.Exists(path)) throw new CheckpointException($"{noun} '{path}' is a folder, not a file.");
        if (!File.Exists(path)) throw new CheckpointException($"{noun} '{path}' does not exist.");
        // Delete: the trainer renames a new checkpoint over this one while it may still be open.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferBytes);
        try
        {
            var kind = Verify(file, path, noun, out long payloadLength);
            if (kind != expected)
            {
                throw kind switch
                {
                    PayloadKind.Model => new CheckpointException($"'{path}' is a saved model (model.Save), not a training checkpoint: load it with the generated model's Load."),
                    PayloadKind.Training => new CheckpointException($"'{path}' is a training checkpoint, not a saved model: resume it with Trainer.Resume, then save the model with model.Save."),
                    _ => new CheckpointException($"{noun} '{path}' holds an unknown kind of content ({(byte)kind})."),
                };
            }
            return new PayloadStream(file, HeaderLength + 1, payloadLength - 1);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // Checks the framing and the checksum; returns the payload's kind byte.
    private static PayloadKind Verify(FileStream file, string path, string noun, out long payloadLength)
    {
        long fileLength = file.Length;
        Span<byte> header = stackalloc byte[HeaderLength];
        int headerRead = file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        if (headerRead < Magic.Length || !header[..Magic.Length].SequenceEqual(Magic))
            throw new CheckpointException($"'{path}' is not a RecDsl {noun.ToLowerInvariant()} (it does not start with the RDSLCKPT marker).");
        if (headerRead < HeaderLength)
            throw new CheckpointException($"{noun} '{path}' is truncated: {fileLength} bytes, shorter than its {HeaderLength}-byte header.");

        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
            throw new CheckpointException($"{noun} '{path}' has format version {version}; this RecDsl reads version {FormatVersion}.");
        payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        bool plausible = payloadLength is >= 1 and <= long.MaxValue - HeaderLength - TrailerLength;
        long expectedLength = plausible ? HeaderLength + payloadLength + TrailerLength : 0;
        if (!plausible || fileLength > expectedLength)
            throw new CheckpointException($"{noun} '{path}' is corrupt: its header announces {payloadLength} payload bytes, which does not match the file's {fileLength} bytes.");
        if (fileLength < expectedLength)
            throw new CheckpointException($"{noun} '{path}' is truncated: {fileLength} of {expectedLength} bytes (an interrupted copy or a full disk?).");

        var hash = new XxHash64();
        var block = new byte[(int)Math.Min(BufferBytes, payloadLength)];
        byte kind = 0;
        for (long left = payloadLength; left > 0;)
        {
            var part = block.AsSpan(0, (int)Math.Min(block.Length, left));
            file.ReadExactly(part);
            if (left == payloadLength) kind = part[0];
            hash.Append(part);
            left -= part.Length;
        }
        Span<byte> trailer = stackalloc byte[TrailerLength];
        file.ReadExactly(trailer);
        if (hash.GetCurrentHashAsUInt64() != BinaryPrimitives.ReadUInt64LittleEndian(trailer))
            throw new CheckpointException($"{noun} '{path}' is corrupt: its checksum does not match its content (the file was damaged or edited).");
        return (PayloadKind)kind;
    }

    /// <summary>Runs <paramref name="parse"/> over a verified payload of <paramref name="kind"/>; an end of stream, bad
    /// data or an impossible size becomes "is corrupt: its content cannot be parsed" naming the file. A verified file
    /// whose content does not parse was written by something else, or by a RecDsl with a bug.</summary>
    public static T Parsed<T>(string path, PayloadKind kind, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or OverflowException)
        {
            throw new CheckpointException($"{Noun(kind)} '{path}' is corrupt: its content cannot be parsed ({e.Message}).", e);
        }
    }

    /// <summary><see cref="Parsed{T}"/> for a parse that returns nothing.</summary>
    public static void Parsed(string path, PayloadKind kind, Action parse) => Parsed(path, kind, () => { parse(); return 0; });

    /// <summary>Null when <paramref name="path"/> is not a folder; else "'path' is a folder; name a file in it, such as
    /// 'path/training.ckpt'." (or model.recdsl), for the writers and for options that take a file path.</summary>
    internal static string? NamesFolder(string path, PayloadKind kind) =>
        Directory.Exists(path)
            ? $"'{path}' is a folder; name a file in it, such as '{Path.Combine(path, kind == PayloadKind.Model ? "model.recdsl" : "training.ckpt")}'."
            : null;
}
