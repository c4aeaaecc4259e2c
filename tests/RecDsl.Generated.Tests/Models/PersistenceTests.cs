using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using Shop;
using Shop.Funnel;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Models;

/// <summary>Generated <c>Save</c>/<c>Load</c>: a reloaded model predicts exactly what the trained one did, with its
/// hyperparameters and vocabularies; unseen ids go to the OOV row; changed declarations and damaged files are refused
/// with messages that say why.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-persistence-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static AdClick[] AdClicks(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            int ad = r.Next(40);
            return new AdClick { UserId = r.Next(100), AdId = ad, Site = "s" + r.Next(20), Category = "c" + (ad % 7), Price = (float)r.NextDouble(), Clicked = ad % 2 == 0 };
        }).ToArray();
    }

    // A few epochs so the weights are far from their initial values (a reload into fresh random weights would show).
    private static void Train<TRecord, TBatch>(RecNetwork model, RecordCollator<TRecord, TBatch> collator, IReadOnlyList<TRecord> records)
        where TBatch : FeatureBatch
    {
        using var batch = collator.Collate(records.ToArray());
        new Trainer(model, new TrainerOptions { Epochs = 3, BatchSize = 64, LearningRate = 0.01 }).Fit(batch);
    }

    private (AdClickDeepFM Model, AdClick[] Records) TrainedDeepFM()
    {
        var records = AdClicks(256, 1);
        // Overridden hyperparameters: Load must rebuild them from the file, not from the attribute.
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(records), embeddingDim: 4, hidden: new[] { 12, 6 }, dropout: 0.1);
        Train(model, model.CreateCollator(), records);
        return (model, records);
    }

    [Fact]
    public void A_reloaded_DeepFM_predicts_bitwise_the_same_probabilities_with_its_hyperparameters_and_vocabulary()
    {
        var (model, records) = TrainedDeepFM();
        var before = model.Predict(records);
        model.Save(PathOf("deepfm.recdsl"));

        using var loaded = AdClickDeepFM.Load(PathOf("deepfm.recdsl"));

        Assert.Equal(before, loaded.Predict(records));
        Assert.Equal(4, loaded.EmbeddingDim);
        Assert.Equal(new[] { 12, 6 }, loaded.Options.Hidden);
        Assert.Equal(0.1, loaded.Options.Dropout);
        Assert.Equal(model.Vocabulary.Category.Tokens, loaded.Vocabulary.Category.Tokens);
        Assert.Equal(model.Schema.Fingerprint, loaded.Schema.Fingerprint);
        Assert.Equal(["deepfm.recdsl"], Directory.GetFiles(folder).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void A_reloaded_DIN_keeps_its_Dice_statistics_and_predicts_the_same()
    {
        var r = new Random(3);
        var records = Enumerable.Range(0, 128).Select(_ =>
        {
            var history = Enumerable.Range(0, r.Next(0, 10)).Select(_ => r.Next(30)).ToArray();
            long item = r.Next(40);
            return new ItemView
            {
                ItemId = item, CategoryId = (int)(item % 5), History = history, CategoryHistory = history.Select(h => h % 5).ToList(),
                Tags = new[] { "a", "b" }, Age = r.Next(18, 70), Clicked = history.Contains((int)item) ? 1f : 0f,
            };
        }).ToArray();
        var model = new ItemViewDin(ItemViewVocabulary.Fit(records));
        Train(model, model.CreateCollator(), records);
        var before = model.Predict(records);
        model.Save(PathOf("din.recdsl"));

        using var loaded = ItemViewDin.Load(PathOf("din.recdsl"));

        Assert.Equal(before, loaded.Predict(records));
        var runningVar = loaded.state_dict().Where(kv => kv.Key.Contains("running_var", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(runningVar);
        Assert.All(runningVar, kv => Assert.False(kv.Value.eq(1f).all().item<bool>(), $"{kv.Key} still holds its initial value"));
    }

    [Fact]
    public void A_reloaded_ESMM_predicts_the_same_trio()
    {
        var r = new Random(4);
        var records = Enumerable.Range(0, 128).Select(_ =>
        {
            bool mobile = r.Next(2) == 0;
            int user = r.Next(50);
            return new Tracking.Impression(user, (DeviceKind)r.Next(3), mobile, new[] { "q" + r.Next(5) }, r.NextDouble(), mobile, mobile && user % 2 == 0);
        }).ToArray();
        var model = new TrackingImpressionEsmm();
        Train(model, model.CreateCollator(), records);
        var before = model.Predict(records);
        model.Save(PathOf("esmm.recdsl"));

        using var loaded = TrackingImpressionEsmm.Load(PathOf("esmm.recdsl"));
        var after = loaded.Predict(records);

        Assert.Equal(before.Ctr, after.Ctr);
        Assert.Equal(before.Cvr, after.Cvr);
        Assert.Equal(before.Ctcvr, after.Ctcvr);
    }

    [Fact]
    public void Unseen_ids_at_inference_go_to_the_OOV_row_before_and_after_reload()
    {
        var (model, records) = TrainedDeepFM();
        model.Save(PathOf("oov.recdsl"));
        using var loaded = AdClickDeepFM.Load(PathOf("oov.recdsl"));
        var known = records[0];
        var unseen = new[]
        {
            known with { UserId = 5000, Category = "never seen" },  // out of range and not in the vocabulary
            known with { UserId = -3, Category = "also new" },
        };

        var collator = loaded.CreateCollator();
        using (var batch = collator.Collate(unseen))
        {
            Assert.Equal(new long[] { EmbeddingRows.Oov, EmbeddingRows.Oov }, batch.UserId.data<long>().ToArray());
            Assert.Equal(new long[] { EmbeddingRows.Oov, EmbeddingRows.Oov }, batch.Category.data<long>().ToArray());
        }
        Assert.Equal(2, collator.Oov["UserId"]);
        Assert.Equal(2, collator.Oov["Category"]);

        // Both unseen rows read the same OOV embeddings, so they score the same, and the reloaded model agrees.
        var p = loaded.Predict(unseen);
        Assert.Equal(p[0], p[1]);
        Assert.True(float.IsFinite(p[0]) && p[0] is > 0 and < 1);
        Assert.Equal(model.Predict(unseen), p);
    }

    [Fact]
    public void Loading_into_a_changed_declaration_fails_and_names_what_changed()
    {
        // What a file written before an edit of the record looks like: the same record with UserId declared
        // Vocab = 2000 instead of 1000 and Price removed (a network on that schema, saved with the same machinery).
        var current = AdClickSchema.For(8);
        var edited = current.Features.Where(f => f.Name != "Price")
            .Select(f => f.Name == "UserId" ? f with { Cardinality = 2000 } : f).ToArray();
        var oldSchema = new FeatureSchema(current.RecordName, edited, current.Labels);
        var records = AdClicks(16, 2);
        using (var old = new DeepFmNetwork(oldSchema, AdClickDeepFM.DeclaredOptions))
            ModelFile.Save(PathOf("old.recdsl"), old, AdClickDeepFM.DeclaredOptions, 8, AdClickVocabulary.Fit(records));

        var e = Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(PathOf("old.recdsl")));

        Assert.Contains("was written for another declaration of 'Shop.AdClick'", e.Message);
        Assert.Contains("changed: UserId: Sparse roles=Wide, Deep, FmField table=UserId ids=2000", e.Message);
        Assert.Contains("->  UserId: Sparse roles=Wide, Deep, FmField table=UserId ids=1000", e.Message);
        Assert.Contains("added: Price: Dense", e.Message);
        Assert.DoesNotContain("AdId", e.Message);
    }

    [Fact]
    public void Another_model_of_the_same_record_is_refused_by_name()
    {
        var records = AdClicks(16, 3);
        using var wideDeep = new AdClickWideDeep(AdClickVocabulary.Fit(records), embeddingDim: 8);
        wideDeep.Save(PathOf("widedeep.recdsl"));

        var e = Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(PathOf("widedeep.recdsl")));

        Assert.Contains("holds a Shop.AdClickWideDeep, not a Shop.AdClickDeepFM", e.Message);
    }

    [Fact]
    public void Truncated_corrupt_and_foreign_files_fail_with_a_clear_error()
    {
        var (model, _) = TrainedDeepFM();
        var path = PathOf("m.recdsl");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("Saved model '" + path + "' is truncated", Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(path)).Message);

        var damaged = bytes.ToArray();
        damaged[damaged.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, damaged);
        var corrupt = Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(path)).Message;
        Assert.Contains("is corrupt", corrupt);
        Assert.Contains("checksum", corrupt);

        File.WriteAllText(path, "label,C1\n1,abc\n");
        Assert.Contains("is not a RecDsl saved model", Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(path)).Message);
        Assert.Contains("does not exist", Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(PathOf("missing.recdsl"))).Message);
    }

    [Fact]
    public void Saved_models_and_training_checkpoints_are_not_confused()
    {
        var records = AdClicks(64, 5);
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        using var batch = model.CreateCollator().Collate(records);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, CheckpointPath = PathOf("run.ckpt") };
        new Trainer(model, options).Fit(batch);
        model.Save(PathOf("model.recdsl"));

        var load = Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(PathOf("run.ckpt")));
        var resume = Assert.Throws<CheckpointException>(() => new Trainer(model, options with { CheckpointPath = null }).Resume(PathOf("model.recdsl"), batch));

        Assert.Contains("is a training checkpoint, not a saved model", load.Message);
        Assert.Contains("is a saved model (model.Save), not a training checkpoint", resume.Message);
    }

    // The checkpoint's embedding rows are its run's tokens. A model rebuilt on vocabularies fitted again (here the
    // same tokens counted in another order) must not continue from it; one on the run's saved vocabularies may.
    [Fact]
    public void A_checkpoint_resumes_only_into_a_model_with_the_vocabularies_it_was_trained_with()
    {
        var records = AdClicks(64, 7);
        var vocabulary = AdClickVocabulary.Fit(records);
        vocabulary.Save(PathOf("run.vocabulary.json"));
        var options = new TrainerOptions { Epochs = 2, BatchSize = 32, CheckpointPath = PathOf("run.ckpt") };
        using (var model = new AdClickDeepFM(vocabulary))
        using (var batch = model.CreateCollator().Collate(records))
            new Trainer(model, options with { Epochs = 1 }).Fit(batch);

        var refitted = AdClickVocabulary.Fit(records.Concat(Enumerable.Repeat(records[0] with { Category = "c6" }, 40)));
        Assert.NotEqual(vocabulary.Category.Tokens, refitted.Category.Tokens);
        using (var other = new AdClickDeepFM(refitted))
        using (var batch = other.CreateCollator().Collate(records))
        {
            var before = other.Predict(records);
            var error = Assert.Throws<CheckpointException>(() => new Trainer(other, options).Resume(PathOf("run.ckpt"), batch));
            Assert.StartsWith($"Checkpoint '{PathOf("run.ckpt")}' was written by a model with other vocabularies (digest {vocabulary.Digest[..12]}, this model's {refitted.Digest[..12]})", error.Message);
            Assert.Equal(before, other.Predict(records)); // refused before any weight was copied
        }

        using var resumed = new AdClickDeepFM(AdClickVocabulary.Load(PathOf("run.vocabulary.json")));
        using var own = resumed.CreateCollator().Collate(records);
        Assert.Equal(2, new Trainer(resumed, options).Resume(PathOf("run.ckpt"), own).History.Count);
    }

    [Fact]
    public void Saving_to_a_folder_and_loading_a_folder_say_so()
    {
        var records = AdClicks(64, 6);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));

        var save = Assert.Throws<ArgumentException>(() => model.Save(folder));
        var load = Assert.Throws<CheckpointException>(() => AdClickDeepFM.Load(folder));

        Assert.StartsWith($"'{folder}' is a folder; name a file in it, such as '{Path.Combine(folder, "model.recdsl")}'.", save.Message);
        Assert.Equal($"Saved model '{folder}' is a folder, not a file.", load.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder)); // nothing written, no temporary file
    }
}
