using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// Named tensors in a checkpoint: name, dtype, shape, raw bytes. Our own format instead of TorchSharp's
/// <c>Module.save</c> / optimizer <c>save_state_dict</c> so that loading copies into tensors on any device with
/// <c>copy_</c> and mismatches are reported by name.
/// </summary>
internal static class TensorFormat
{
    public static void Write(BinaryWriter writer, IReadOnlyList<(string Name, Tensor Tensor)> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            writer.Write(name);
            Write(writer, tensor);
        }
    }

    /// <summary>Tensors move between memory and the file in parts of at most this many bytes: a tensor's bytes as
    /// one span end at 2 GB (int.MaxValue), and on a GPU only one part at a time is copied to the host.</summary>
    public const long PartBytes = 64L << 20;

    public static void Write(BinaryWriter writer, Tensor tensor, long partBytes = PartBytes)
    {
        writer.Write((int)tensor.dtype);
        writer.Write((int)tensor.ndim);
        foreach (var size in tensor.shape) writer.Write(size);
        writer.Write(tensor.numel() * tensor.ElementSize);
        WriteValues(writer.BaseStream, tensor, partBytes); // BinaryWriter keeps nothing back: the values follow in order
    }

    /// <summary>Writes the values of <paramref name="tensor"/> (any device, any layout) to <paramref name="stream"/> in
    /// row-major order, one part of at most <paramref name="partBytes"/> on the host at a time.</summary>
    public static void WriteValues(Stream stream, Tensor tensor, long partBytes = PartBytes)
    {
        using var scope = NewDisposeScope();
        var flat = tensor.detach().contiguous().reshape(-1);
        long count = flat.numel(), partElements = Math.Max(1, partBytes / flat.ElementSize);
        for (long start = 0; start < count; start += partElements)
        {
            using var part = flat.narrow(0, start, Math.Min(partElements, count - start)).cpu();
            stream.Write(part.bytes);
        }
    }

    /// <summary>Reads one tensor onto the CPU; the caller disposes it.</summary>
    public static Tensor Read(BinaryReader reader, long partBytes = PartBytes)
    {
        var header = ReadHeader(reader);
        var tensor = empty(header.Shape, header.Dtype);
        try
        {
            ReadValues(reader, tensor, header, partBytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Reads the named tensors that <see cref="Write(BinaryWriter, IReadOnlyList{ValueTuple{string, Tensor}})"/>
    /// wrote straight into the same-named tensors of <paramref name="target"/> (any device), one part at a time, so
    /// no second copy of the weights is ever in memory. Names, dtypes and shapes are all checked first (the stream
    /// must be seekable: the values are skipped, then read), so a mismatch is refused before any tensor changes.</summary>
    public static void ReadInto(BinaryReader reader, IReadOnlyDictionary<string, Tensor> target, string what, long partBytes = PartBytes)
    {
        var stream = reader.BaseStream;
        long start = stream.Position;
        Require(target, SkipNamed(reader), what);

        stream.Seek(start, SeekOrigin.Begin);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            var destination = target[reader.ReadString()];
            ReadValues(reader, destination, ReadHeader(reader), partBytes);
        }
    }

    /// <summary>Steps past named tensors (seeking past their values) and returns their names, dtypes and shapes.</summary>
    public static List<(string Name, ScalarType Dtype, long[] Shape)> SkipNamed(BinaryReader reader)
    {
        int count = ReadTensorCount(reader);
        var saved = new List<(string Name, ScalarType Dtype, long[] Shape)>(count);
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var (dtype, shape, length) = ReadHeader(reader);
            reader.BaseStream.Seek(length, SeekOrigin.Current);
            saved.Add((name, dtype, shape));
        }
        return saved;
    }

    /// <summary>Reads the values of the tensor whose <paramref name="header"/> was just read into
    /// <paramref name="destination"/> (any device, contiguous), which the caller has checked has its dtype and shape.
    /// <c>viaHostPart</c> (tests only) reads through the part-sized host tensor on the CPU too, as for a GPU tensor.</summary>
    public static void ReadValues(BinaryReader reader, Tensor destination, (ScalarType Dtype, long[] Shape, long Length) header,
        long partBytes = PartBytes, bool viaHostPart = false)
    {
        using var flat = destination.view(-1);
        if (flat.dtype != header.Dtype || flat.numel() * flat.ElementSize != header.Length)
            throw new InvalidDataException($"A {header.Dtype} tensor of shape [{string.Join(", ", header.Shape)}] ({header.Length} bytes) cannot be read into a {flat.dtype} tensor of {flat.numel()} values.");
        using var _ = no_grad();
        ReadParts(reader, flat, partBytes, viaHostPart);
    }

    private static int ReadTensorCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"Negative tensor count {count}.");
    }

    /// <summary>A tensor's dtype, shape and byte length, checked against what is left of the stream.</summary>
    public static (ScalarType Dtype, long[] Shape, long Length) ReadHeader(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        int ndim = reader.ReadInt32();
        if (ndim < 0 || ndim > 16) throw new InvalidDataException($"Implausible tensor rank {ndim}.");
        var shape = new long[ndim];
        for (int d = 0; d < ndim; d++) shape[d] = reader.ReadInt64();
        long length = reader.ReadInt64();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length > left)
            throw new InvalidDataException($"A {dtype} tensor of shape [{string.Join(", ", shape)}] announces {length} bytes, but {left} are left.");
        return (dtype, shape, length);
    }

    // Fills flat (a 1-D view, of any device) from the stream, partBytes at a time: read in place on the CPU, through
    // one part-sized host tensor elsewhere.
    private static void ReadParts(BinaryReader reader, Tensor flat, long partBytes, bool viaHostPart = false)
    {
        long elementSize = flat.ElementSize, count = flat.numel();
        long partElements = Math.Max(1, partBytes / elementSize);
        bool inPlace = flat.device_type == DeviceType.CPU && !viaHostPart;
        using var host = inPlace ? null : empty(Math.Min(partElements, count), flat.dtype);
        for (long start = 0; start < count; start += partElements)
        {
            long n = Math.Min(partElements, count - start);
            using var part = flat.narrow(0, start, n);
            using var into = inPlace ? null : host!.narrow(0, 0, n);
            var bytes = (into ?? part).bytes;
            while (bytes.Length > 0)
            {
                int read = reader.Read(bytes);
                if (read == 0) throw new EndOfStreamException();
                bytes = bytes[read..];
            }
            if (into is not null) part.copy_(into);
        }
    }

    /// <summary>Copies <paramref name="source"/> into the same-named tensors of <paramref name="target"/>,
    /// requiring the same names, dtypes and shapes.</summary>
    public static void CopyInto(IReadOnlyDictionary<string, Tensor> target, IReadOnlyList<(string Name, Tensor Tensor)> source, string what)
    {
        Require(target, source.Select(s => (s.Name, s.Tensor.dtype, s.Tensor.shape)).ToList(), what);
        using var _ = no_grad();
        foreach (var (name, tensor) in source) target[name].copy_(tensor);
    }

    // The same names as the network's, each with its dtype and shape.
    private static void Require(IReadOnlyDictionary<string, Tensor> target, IReadOnlyList<(string Name, ScalarType Dtype, long[] Shape)> source, string what)
    {
        var missing = target.Keys.Except(source.Select(s => s.Name)).ToArray();
        var extra = source.Select(s => s.Name).Except(target.Keys).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
            throw new CheckpointException($"The {what} do not match the network: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
        foreach (var (name, dtype, shape) in source)
        {
            var destination = target[name];
            if (destination.dtype != dtype || !destination.shape.SequenceEqual(shape))
                throw new CheckpointException(
                    $"The {what} '{name}' is {dtype} [{string.Join(", ", shape)}] in the checkpoint but {destination.dtype} [{string.Join(", ", destination.shape)}] in the network.");
        }
    }
}
