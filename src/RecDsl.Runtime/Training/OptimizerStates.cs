using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// The optimizer section of a checkpoint: a parameter count, then per parameter a kind and its state in
/// <see cref="TensorFormat"/>. "adam" / "adamw": step, first and second moment, an AMSGrad flag (always false; a
/// true one is refused); "adagrad": step and the squared-gradient sum; LazyAdam writes its own "lazyadam" entries. The
/// layout is the one RecDsl wrote when Adam, AdamW and Adagrad were TorchSharp's, so those checkpoints still resume.
/// </summary>
internal static class OptimizerStates
{
    public const string AdagradKind = "adagrad";

    /// <summary>Reads the parameter count and refuses another than <paramref name="parameters"/>.</summary>
    public static void ReadCount(BinaryReader reader, int parameters)
    {
        int count = reader.ReadInt32();
        if (count != parameters)
            throw new CheckpointException($"The checkpoint holds optimizer state for {count} parameters; the network has {parameters}.");
    }

    /// <summary>Reads a parameter's kind and refuses another than <paramref name="expected"/>.</summary>
    public static void ReadKind(BinaryReader reader, string expected, string optimizerName)
    {
        var kind = reader.ReadString();
        if (kind != expected) throw new CheckpointException($"The checkpoint holds '{kind}' optimizer state, but the trainer uses {optimizerName}.");
    }

    public static void WriteAdam(BinaryWriter writer, string kind, long step, Tensor expAvg, Tensor expAvgSq)
    {
        writer.Write(kind);
        writer.Write(step);
        TensorFormat.Write(writer, expAvg);
        TensorFormat.Write(writer, expAvgSq);
        writer.Write(false); // no AMSGrad maximum
    }

    /// <summary>Reads an "adam"/"adamw" entry into the moments; returns its step.</summary>
    public static long ReadAdam(BinaryReader reader, string kind, string optimizerName, Tensor expAvg, Tensor expAvgSq)
    {
        ReadKind(reader, kind, optimizerName);
        long step = reader.ReadInt64();
        CopyChecked(reader, expAvg);
        CopyChecked(reader, expAvgSq);
        if (reader.ReadBoolean()) throw new CheckpointException("The checkpoint holds AMSGrad state, but the optimizer does not use AMSGrad.");
        return step;
    }

    // Straight into the optimizer's tensor, a part at a time: a moment tensor is as large as its parameter.
    public static void CopyChecked(BinaryReader reader, Tensor destination)
    {
        var header = TensorFormat.ReadHeader(reader);
        if (header.Dtype != destination.dtype || !header.Shape.SequenceEqual(destination.shape))
            throw new CheckpointException(
                $"Optimizer state of shape [{string.Join(", ", header.Shape)}] does not fit a parameter of shape [{string.Join(", ", destination.shape)}].");
        TensorFormat.ReadValues(reader, destination, header);
    }
}
