using System.Text.Json;
using System.Text.Json.Serialization;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Vocabularies;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// Save and load a trained model: weights (and buffers such as Dice running statistics), the network options
/// (hidden sizes, activation, ...), the embedding dimension, the fitted vocabularies and the declaration stamp
/// (record name, schema fingerprint, one line per feature, network type). The generated <c>model.Save(path)</c> and
/// <c>{Record}{Model}.Load(path)</c> call it.
/// </summary>
/// <remarks>
/// Same file format as training checkpoints (<c>RDSLCKPT</c> frame: version, length, payload, XxHash64; written to a
/// temporary file and renamed), with the payload marked as a saved model. Payload: stamp, embedding dimension,
/// options type and JSON, vocabularies (their JSON file format) if any, weights. Loading checks, in order: the frame
/// (missing, not a RecDsl file, truncated, corrupt), the kind (a training checkpoint is refused by name), the
/// declaration (the message lists what changed), the network type, then builds the model from the saved options and
/// copies the weights (names, dtypes and shapes must match). A loaded model is on the CPU; move it with <c>to(device)</c>.
/// </remarks>
public static class ModelFile
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file; its folder is created if needed.</param>
    /// <param name="network">The trained network (on any device).</param>
    /// <param name="options">The options it was built with (its <c>Options</c>).</param>
    /// <param name="embeddingDim">The embedding dimension its schema was built with.</param>
    /// <param name="vocabulary">Its fitted vocabularies, or null when the record has none.</param>
    public static void Save(string path, RecNetwork network, NetworkOptions options, int embeddingDim, VocabularySet? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        CheckpointFile.Write(path, PayloadKind.Model, writer =>
        {
            // Each training step holds the lock while it updates the weights: a Save from another thread (a progress
            // handler on the thread pool, a timer) waits for the step instead of writing a mix of before and after.
            // Only while the payload is written: the flush to disk and the rename need no lock, and Predict waits on it.
            lock (network.ModeLock) WritePayload(writer, network, options, embeddingDim, vocabulary);
        });
    }

    private static void WritePayload(BinaryWriter writer, RecNetwork network, NetworkOptions options, int embeddingDim, VocabularySet? vocabulary)
    {
        DeclarationStamp.Of(network).Write(writer);
        writer.Write(embeddingDim);
        writer.Write(DeclarationStamp.NameOf(options.GetType()));
        writer.Write(JsonSerializer.Serialize(options, options.GetType(), Json));
        writer.Write(vocabulary is not null);
        if (vocabulary is not null)
        {
            using var vocabularyBytes = new MemoryStream();
            vocabulary.Save(vocabularyBytes);
            writer.Write(checked((int)vocabularyBytes.Length));
            writer.Write(vocabularyBytes.GetBuffer(), 0, (int)vocabularyBytes.Length);
        }
        TensorFormat.Write(writer, network.state_dict().Select(kv => (kv.Key, kv.Value)).ToList());
    }

    /// <summary>Loads a model of a record without vocabularies.</summary>
    /// <param name="path">A file written by <see cref="Save"/>.</param>
    /// <param name="schemaFor">The record's schema for an embedding dimension (the generated <c>{Record}Schema.For</c>).</param>
    /// <param name="create">Builds the network from the saved options and embedding dimension. It runs with embedding
    /// tables' initial values not drawn (every weight is read from the file next), so it should build that network only.</param>
    /// <exception cref="CheckpointException">The file is missing, truncated, corrupt, a training checkpoint, or was
    /// written for another declaration (the message lists what changed) or another model.</exception>
    public static TNetwork Load<TNetwork, TOptions>(string path, Func<int, FeatureSchema> schemaFor, Func<TOptions, int, TNetwork> create)
        where TNetwork : RecNetwork where TOptions : NetworkOptions
    {
        ArgumentNullException.ThrowIfNull(create);
        return Load<TNetwork, TOptions>(path, schemaFor, (options, dim, _) => create(options, dim));
    }

    /// <summary>Loads a model of a record whose string features map through fitted vocabularies.</summary>
    /// <param name="path">A file written by <see cref="Save"/>.</param>
    /// <param name="schemaFor">The record's schema for an embedding dimension (the generated <c>{Record}Schema.For</c>).</param>
    /// <param name="loadVocabulary">Reads the vocabularies (the generated <c>{Record}Vocabulary.Load(Stream)</c>).</param>
    /// <param name="create">Builds the network from the vocabularies, the saved options and embedding dimension (with
    /// the tables' initial values not drawn, as in the other overload).</param>
    /// <exception cref="CheckpointException">As the other overload, or the file holds no (or unreadable) vocabularies.</exception>
    public static TNetwork Load<TNetwork, TOptions, TVocabulary>(string path, Func<int, FeatureSchema> schemaFor,
        Func<Stream, TVocabulary> loadVocabulary, Func<TVocabulary, TOptions, int, TNetwork> create)
        where TNetwork : RecNetwork where TOptions : NetworkOptions where TVocabulary : VocabularySet
    {
        ArgumentNullException.ThrowIfNull(loadVocabulary);
        ArgumentNullException.ThrowIfNull(create);
        return Load<TNetwork, TOptions>(path, schemaFor, (options, dim, vocabularyBytes) =>
        {
            if (vocabularyBytes is null)
                throw new CheckpointException($"Saved model '{path}' holds no vocabularies, but {typeof(TNetwork).Name} needs them.");
            TVocabulary vocabulary;
            try
            {
                using var stream = new MemoryStream(vocabularyBytes, writable: false);
                vocabulary = loadVocabulary(stream);
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or KeyNotFoundException)
            {
                throw new CheckpointException($"Saved model '{path}' holds vocabularies that cannot be read: {e.Message}", e);
            }
            return create(vocabulary, options, dim);
        });
    }

    private static TNetwork Load<TNetwork, TOptions>(string path, Func<int, FeatureSchema> schemaFor, Func<TOptions, int, byte[]?, TNetwork> create)
        where TNetwork : RecNetwork where TOptions : NetworkOptions
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(schemaFor);
        Backend.TorchBackend.EnsureLoaded();
        using var payload = CheckpointFile.OpenPayload(path, PayloadKind.Model);
        using var reader = new BinaryReader(payload, System.Text.Encoding.UTF8);
        var saved = CheckpointFile.Parsed(path, PayloadKind.Model, () => ReadHeader(reader));

        // The declaration first: a changed record explains itself before any option or weight can mismatch.
        saved.Stamp.RequireDeclaration(schemaFor(saved.EmbeddingDim), path, PayloadKind.Model);
        var expectedType = DeclarationStamp.NameOf(typeof(TNetwork));
        if (saved.Stamp.NetworkType != expectedType)
            throw new CheckpointException($"Saved model '{path}' holds a {saved.Stamp.NetworkType}, not a {expectedType}.");
        if (saved.OptionsType != DeclarationStamp.NameOf(typeof(TOptions)))
            throw new CheckpointException($"Saved model '{path}' holds {saved.OptionsType} options, not {DeclarationStamp.NameOf(typeof(TOptions))}.");

        TOptions options;
        try
        {
            options = JsonSerializer.Deserialize<TOptions>(saved.OptionsJson, Json)
                ?? throw new JsonException("The options are null.");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Saved model '{path}' is corrupt: its options cannot be read ({e.Message}).", e);
        }

        // Every weight is read from the file next, so the tables' initial values are not drawn.
        var network = Layers.EmbeddingTable.WithoutInitialValues(() => create(options, saved.EmbeddingDim, saved.Vocabulary));
        try
        {
            // Straight from the file into the new network: the weights are in memory once, not twice.
            CheckpointFile.Parsed(path, PayloadKind.Model, () =>
            {
                TensorFormat.ReadInto(reader, network.state_dict(), "weights");
                if (payload.Position != payload.Length) throw new InvalidDataException("Unexpected bytes after the weights.");
            });
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    private sealed record Header(DeclarationStamp Stamp, int EmbeddingDim, string OptionsType, string OptionsJson, byte[]? Vocabulary);

    private static Header ReadHeader(BinaryReader reader)
    {
        var stamp = DeclarationStamp.Read(reader);
        int embeddingDim = reader.ReadInt32();
        var optionsType = reader.ReadString();
        var optionsJson = reader.ReadString();
        byte[]? vocabulary = null;
        if (reader.ReadBoolean())
        {
            int length = reader.ReadInt32();
            if (length < 0) throw new InvalidDataException($"Negative vocabulary length {length}.");
            vocabulary = reader.ReadBytes(length);
            if (vocabulary.Length != length) throw new EndOfStreamException();
        }
        return new Header(stamp, embeddingDim, optionsType, optionsJson, vocabulary);
    }
}
