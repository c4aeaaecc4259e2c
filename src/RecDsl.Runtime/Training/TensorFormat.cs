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

    public static void Write(BinaryWriter writer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var host = tensor.detach().cpu().contiguous();
        writer.Write((int)host.dtype);
        writer.Write((int)host.ndim);
        foreach (var size in host.shape) writer.Write(size);
        var bytes = host.bytes;
        writer.Write((long)bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads named tensors onto the CPU; the caller disposes them.</summary>
    public static List<(string Name, Tensor Tensor)> ReadNamed(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0) throw new InvalidDataException($"Negative tensor count {count}.");
        var result = new List<(string, Tensor)>(count);
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            result.Add((name, Read(reader)));
        }
        return result;
    }

    public static Tensor Read(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        int ndim = reader.ReadInt32();
        if (ndim < 0 || ndim > 16) throw new InvalidDataException($"Implausible tensor rank {ndim}.");
        var shape = new long[ndim];
        for (int d = 0; d < ndim; d++) shape[d] = reader.ReadInt64();
        long length = reader.ReadInt64();
        var data = reader.ReadBytes(checked((int)length));
        if (data.Length != length) throw new EndOfStreamException();
        var tensor = empty(shape, dtype);
        if (tensor.bytes.Length != length)
        {
            tensor.Dispose();
            throw new InvalidDataException($"A {dtype} tensor of shape [{string.Join(", ", shape)}] cannot hold {length} bytes.");
        }
        data.CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>Copies <paramref name="source"/> into the same-named tensors of <paramref name="target"/>,
    /// requiring the same names, dtypes and shapes.</summary>
    public static void CopyInto(IReadOnlyDictionary<string, Tensor> target, IReadOnlyList<(string Name, Tensor Tensor)> source, string what)
    {
        var missing = target.Keys.Except(source.Select(s => s.Name)).ToArray();
        var extra = source.Select(s => s.Name).Except(target.Keys).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
            throw new CheckpointException($"The {what} do not match the network: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
        foreach (var (name, tensor) in source)
        {
            var destination = target[name];
            if (destination.dtype != tensor.dtype || !destination.shape.SequenceEqual(tensor.shape))
                throw new CheckpointException(
                    $"The {what} '{name}' is {tensor.dtype} [{string.Join(", ", tensor.shape)}] in the checkpoint but {destination.dtype} [{string.Join(", ", destination.shape)}] in the network.");
        }
        using var _ = no_grad();
        foreach (var (name, tensor) in source) target[name].copy_(tensor);
    }
}
