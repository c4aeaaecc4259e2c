using System.Text;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using RecDsl.Vocabularies;

namespace RecDsl.Tests.Training;

/// <summary>
/// Saved models whose frame is intact (magic, length, checksum) but whose content is not what the loader expects: a
/// file written by another tool or version, or a bug. The frame checks of <see cref="CheckpointFile"/> cannot see these;
/// each must still fail as a <see cref="CheckpointException"/> that names the file and what is wrong, never as a raw
/// reader exception or a half-loaded network.
/// </summary>
public sealed class ModelFileContentTests : IDisposable
{
    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("A", 5, 4, FeatureRoles.Wide | FeatureRoles.Deep).Dense("X", FeatureRoles.Deep).Build();

    private static readonly WideDeepOptions Options = new() { Hidden = new[] { 8 } };

    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-model-content-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_well_framed_file_of_garbage_is_corrupt_content()
    {
        var path = Path.Combine(folder, "garbage.recdsl");
        CheckpointFile.Write(path, PayloadKind.Model, w => w.Write(Encoding.UTF8.GetBytes("not a model at all")));

        var error = Assert.Throws<CheckpointException>(() => Load(path));

        Assert.StartsWith($"Saved model '{path}' is corrupt: its content cannot be parsed (", error.Message);
    }

    [Fact]
    public void Bytes_after_the_weights_are_refused()
    {
        var path = SavedModel();
        var payload = new MemoryStream();
        using (var saved = CheckpointFile.OpenPayload(path, PayloadKind.Model)) saved.CopyTo(payload);
        CheckpointFile.Write(path, PayloadKind.Model, w => w.Write([.. payload.ToArray(), 0]));

        var error = Assert.Throws<CheckpointException>(() => Load(path));

        Assert.Equal($"Saved model '{path}' is corrupt: its content cannot be parsed (Unexpected bytes after the weights.).", error.Message);
    }

    [Fact]
    public void Options_that_do_not_deserialize_are_named_as_such()
    {
        var path = SavedModel();
        Rewrite(path, json => "null");

        var error = Assert.Throws<CheckpointException>(() => Load(path));

        Assert.Equal($"Saved model '{path}' is corrupt: its options cannot be read (The options are null.).", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_network_built_from_the_options_name_the_tensor_and_both_shapes()
    {
        // Options saying 16 hidden units over weights trained with 8: the declaration matches, the weights cannot.
        var path = SavedModel();
        Rewrite(path, json => json.Replace("[8]", "[16]", StringComparison.Ordinal));
        WideDeepNetwork? built = null;
        TorchSharp.torch.Tensor? weight = null;

        var error = Assert.Throws<CheckpointException>(() =>
            ModelFile.Load<WideDeepNetwork, WideDeepOptions>(path, _ => Schema, (options, _) =>
            {
                built = new WideDeepNetwork(Schema, options);
                weight = built.parameters().First();
                return built;
            }));

        Assert.Equal(new[] { 16 }, built!.Options.Hidden);
        Assert.Matches(@"^The weights '[^']+' is Float32 \[8(, \d+)?\] in the checkpoint but Float32 \[16(, \d+)?\] in the network\.$", error.Message);
        Assert.True(weight!.IsInvalid, "the half-loaded network is disposed");
    }

    [Fact]
    public void A_model_saved_without_vocabularies_cannot_be_loaded_as_one_that_needs_them()
    {
        var path = SavedModel();

        var error = Assert.Throws<CheckpointException>(() => ModelFile.Load<WideDeepNetwork, WideDeepOptions, VocabularySet>(
            path, _ => Schema, _ => throw new InvalidOperationException("not reached"), (_, options, _) => new WideDeepNetwork(Schema, options)));

        Assert.Equal($"Saved model '{path}' holds no vocabularies, but WideDeepNetwork needs them.", error.Message);
    }

    [Fact]
    public void Options_of_another_network_type_are_refused_by_name()
    {
        var path = SavedModel();

        var error = Assert.Throws<CheckpointException>(() =>
            ModelFile.Load<WideDeepNetwork, DeepFmOptions>(path, _ => Schema, (_, _) => throw new InvalidOperationException("not reached")));

        Assert.Equal($"Saved model '{path}' holds RecDsl.Models.WideDeepOptions options, not RecDsl.Models.DeepFmOptions.", error.Message);
    }

    [Fact]
    public void Saving_waits_for_a_training_step_in_progress_on_another_thread()
    {
        // A training step holds the network's mode lock while it updates the weights; do the same here: start a Save on
        // its own thread, give it time to read the weights, then change them all before letting go. A Save that waits
        // writes the new weights; one that read them during the "step" wrote the old ones.
        var path = Path.Combine(folder, "during-a-step.recdsl");
        using var network = new WideDeepNetwork(Schema, Options);
        ModelFile.Save(Path.Combine(folder, "warm-up.recdsl"), network, Options, embeddingDim: 4, vocabulary: null); // JIT and serializers
        using var saving = new ManualResetEventSlim();
        var saver = new Thread(() =>
        {
            saving.Set();
            ModelFile.Save(path, network, Options, embeddingDim: 4, vocabulary: null);
        });
        lock (network.ModeLock)
        {
            saver.Start();
            Assert.True(saving.Wait(TimeSpan.FromSeconds(30)));
            Thread.Sleep(300);
            using (TorchSharp.torch.no_grad())
                foreach (var parameter in network.parameters()) parameter.fill_(7f);
        }
        Assert.True(saver.Join(TimeSpan.FromSeconds(30)));

        using var reloaded = Load(path);
        Assert.All(reloaded.parameters(), p => Assert.True(p.eq(7f).all().item<bool>(), "a weight was saved from before the step ended"));
    }

    private string SavedModel()
    {
        var path = Path.Combine(folder, $"model-{Guid.NewGuid():N}.recdsl");
        using var network = new WideDeepNetwork(Schema, Options);
        ModelFile.Save(path, network, Options, embeddingDim: 4, vocabulary: null);
        using var reloaded = Load(path); // the untouched file loads: what the tests change is what breaks it
        return path;
    }

    private static WideDeepNetwork Load(string path) =>
        ModelFile.Load<WideDeepNetwork, WideDeepOptions>(path, _ => Schema, (options, _) => new WideDeepNetwork(Schema, options));

    /// <summary>Rewrites the saved options JSON in place, keeping everything else and a valid frame.</summary>
    private static void Rewrite(string path, Func<string, string> options)
    {
        DeclarationStamp stamp;
        int embeddingDim;
        string optionsType, json;
        byte[] rest;
        using (var payload = CheckpointFile.OpenPayload(path, PayloadKind.Model))
        using (var reader = new BinaryReader(payload, Encoding.UTF8))
        {
            stamp = DeclarationStamp.Read(reader);
            embeddingDim = reader.ReadInt32();
            optionsType = reader.ReadString();
            json = reader.ReadString();
            rest = reader.ReadBytes((int)(payload.Length - payload.Position));
        }

        CheckpointFile.Write(path, PayloadKind.Model, writer =>
        {
            stamp.Write(writer);
            writer.Write(embeddingDim);
            writer.Write(optionsType);
            writer.Write(options(json));
            writer.Write(rest);
        });
    }
}
