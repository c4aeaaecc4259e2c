using RecDsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// Everything needed to continue a run after an epoch as if it had never stopped: the declaration and network it
/// belongs to (<see cref="DeclarationStamp"/>, shared with saved models), the settings that fix the data order, the
/// epoch, learning rate, monitor state and history, the weights, the best weights so far and the optimizer state.
/// The row order and torch's RNG of each epoch derive from (seed, epoch) (<see cref="EpochOrder"/>), so the seed
/// and the epoch are the whole RNG state.
/// </summary>
internal sealed class TrainingCheckpoint : IDisposable
{
    public required DeclarationStamp Stamp { get; init; }
    /// <summary>The network's <see cref="Vocabularies.VocabularySet.Digest"/>, or "" when it has no vocabularies: its
    /// embedding rows stand for the tokens of those vocabularies and no others.</summary>
    public required string VocabularyDigest { get; init; }
    public required OptimizerKind Optimizer { get; init; }
    public required int BatchSize { get; init; }
    public required long Seed { get; init; }
    public required int EpochsDone { get; init; }
    public required double LearningRate { get; init; }
    public required bool StoppedEarly { get; init; }
    public required string? Monitor { get; init; }
    public required double Best { get; init; }
    public required int BestEpoch { get; init; }
    public required int EpochsWithoutImprovement { get; init; }
    public required int EpochsSinceImprovementOrCut { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }

    // Read back only: the open file and where its weights, best weights and optimizer state start. They are read
    // from it, straight into their tensors, once the checkpoint has been accepted and the optimizer exists (each is
    // as large as the weights, the optimizer state twice that), instead of being held in memory meanwhile.
    private BinaryReader? file;
    private long weightsAt, bestWeightsAt = -1, optimizerStateAt;

    /// <summary>True when the checkpoint holds the best weights so far (early stopping that restores them).</summary>
    public bool HasBestWeights => bestWeightsAt >= 0;

    /// <summary>Reads the weights into the same-named tensors of <paramref name="target"/> (names, dtypes and shapes
    /// checked first).</summary>
    public void ReadWeightsInto(IReadOnlyDictionary<string, Tensor> target) => ReadNamedAt(weightsAt, target, "weights");

    /// <summary>The best weights, in new tensors shaped and placed (device) as <paramref name="like"/>'s.</summary>
    public List<(string Name, Tensor Tensor)> ReadBestWeights(IReadOnlyDictionary<string, Tensor> like)
    {
        if (!HasBestWeights) throw new InvalidOperationException("The checkpoint holds no best weights.");
        var best = like.Select(kv => (kv.Key, torch.empty_like(kv.Value).DetachFromDisposeScope())).ToList();
        try
        {
            ReadNamedAt(bestWeightsAt, best.ToDictionary(t => t.Key, t => t.Item2), "best weights");
            return best;
        }
        catch
        {
            foreach (var (_, t) in best) t.Dispose();
            throw;
        }
    }

    /// <summary>Restores <paramref name="optimizer"/>'s state, the last part of the payload.</summary>
    public void ReadOptimizerState(TrainingOptimizer optimizer)
    {
        var reader = Opened;
        reader.BaseStream.Seek(optimizerStateAt, SeekOrigin.Begin);
        optimizer.ReadState(reader);
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException($"{reader.BaseStream.Length - reader.BaseStream.Position} bytes after the optimizer state belong to nothing.");
    }

    private BinaryReader Opened => file ?? throw new InvalidOperationException("Only a checkpoint read back from a file holds weights to read.");

    private void ReadNamedAt(long at, IReadOnlyDictionary<string, Tensor> target, string what)
    {
        Opened.BaseStream.Seek(at, SeekOrigin.Begin);
        TensorFormat.ReadInto(Opened, target, what);
    }

    /// <summary>Writes a checkpoint of the live training state, without copying the weights.</summary>
    public static void Write(BinaryWriter writer, TrainingCheckpoint header, RecNetwork network, IReadOnlyList<(string, Tensor)>? bestWeights, TrainingOptimizer optimizer)
    {
        header.Stamp.Write(writer);
        writer.Write(header.VocabularyDigest);
        writer.Write(header.Optimizer.ToString());
        writer.Write(header.BatchSize);
        writer.Write(header.Seed);
        writer.Write(header.EpochsDone);
        writer.Write(header.LearningRate);
        writer.Write(header.StoppedEarly);
        writer.Write(header.Monitor ?? "");
        writer.Write(header.Best);
        writer.Write(header.BestEpoch);
        writer.Write(header.EpochsWithoutImprovement);
        writer.Write(header.EpochsSinceImprovementOrCut);
        WriteHistory(writer, header.History);
        TensorFormat.Write(writer, network.state_dict().Select(kv => (kv.Key, kv.Value)).ToList());
        writer.Write(bestWeights is not null);
        if (bestWeights is not null) TensorFormat.Write(writer, bestWeights);
        optimizer.WriteState(writer);
    }

    /// <summary>Parses a verified payload's settings, monitor state and history, steps past the weights (their
    /// headers are read, their values skipped), and takes the stream: disposing the checkpoint closes it.</summary>
    public static TrainingCheckpoint Read(Stream payload)
    {
        var reader = new BinaryReader(payload, System.Text.Encoding.UTF8);
        var stamp = DeclarationStamp.Read(reader);
        var vocabularyDigest = reader.ReadString();
        var optimizer = Enum.Parse<OptimizerKind>(reader.ReadString());
        int batchSize = reader.ReadInt32();
        long seed = reader.ReadInt64();
        int epochsDone = reader.ReadInt32();
        double learningRate = reader.ReadDouble();
        bool stoppedEarly = reader.ReadBoolean();
        var monitor = reader.ReadString();
        double best = reader.ReadDouble();
        int bestEpoch = reader.ReadInt32();
        int withoutImprovement = reader.ReadInt32();
        int sinceCut = reader.ReadInt32();
        var history = ReadHistory(reader);
        long weightsAt = payload.Position;
        TensorFormat.SkipNamed(reader);
        long bestWeightsAt = -1;
        if (reader.ReadBoolean())
        {
            bestWeightsAt = payload.Position;
            TensorFormat.SkipNamed(reader);
        }
        return new TrainingCheckpoint
        {
            Stamp = stamp, VocabularyDigest = vocabularyDigest, Optimizer = optimizer, BatchSize = batchSize, Seed = seed, EpochsDone = epochsDone,
            LearningRate = learningRate, StoppedEarly = stoppedEarly, Monitor = monitor.Length == 0 ? null : monitor,
            Best = best, BestEpoch = bestEpoch, EpochsWithoutImprovement = withoutImprovement,
            EpochsSinceImprovementOrCut = sinceCut, History = history,
            file = reader, weightsAt = weightsAt, bestWeightsAt = bestWeightsAt, optimizerStateAt = payload.Position,
        };
    }

    public void Dispose() => file?.Dispose();

    private static void WriteHistory(BinaryWriter writer, IReadOnlyList<EpochRecord> history)
    {
        writer.Write(history.Count);
        foreach (var record in history)
        {
            writer.Write(record.Epoch);
            writer.Write(record.TrainLoss);
            writer.Write(record.LearningRate);
            writer.Write(record.Seconds);
            writer.Write(record.Validation.Count);
            foreach (var (name, value) in record.Validation)
            {
                writer.Write(name);
                writer.Write(value);
            }
        }
    }

    private static List<EpochRecord> ReadHistory(BinaryReader reader)
    {
        var history = new List<EpochRecord>();
        int count = ReadCount(reader);
        for (int i = 0; i < count; i++)
        {
            int epoch = reader.ReadInt32();
            double loss = reader.ReadDouble();
            double lr = reader.ReadDouble();
            double seconds = reader.ReadDouble();
            var metrics = new Dictionary<string, double>();
            int metricCount = ReadCount(reader);
            for (int m = 0; m < metricCount; m++) metrics[reader.ReadString()] = reader.ReadDouble();
            history.Add(new EpochRecord(epoch, loss, metrics, lr, seconds));
        }
        return history;
    }

    private static int ReadCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        return count is >= 0 and <= 1_000_000 ? count : throw new InvalidDataException($"Implausible count {count}.");
    }
}
