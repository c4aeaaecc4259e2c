using System.Globalization;
using Fixtures;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Generated.Tests.Models;

/// <summary>
/// Files written by an earlier RecDsl (tests/fixtures/models, written at 34a7b09, before saved models and checkpoints
/// were streamed) are read by this one: the saved model loads and predicts what it predicted when it was
/// saved, saving it again writes the same bytes, and the checkpoint resumes (its weights and best weights restored,
/// its optimizer state read, training continuing).
/// </summary>
public sealed class FileFormatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-file-format-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Fixture(string name) => Path.Combine(Repository.Root, "tests", "fixtures", "models", name);

    // Within 1e-6, not bitwise: the file is what is tested, and a later change of the forward's arithmetic (a fused
    // op) may move the last bits. Weights not restored would be off by 1e-2 or more.
    private static void AssertPredicts(FormatClickDeepFM model)
    {
        var expected = Expected();
        var actual = model.Predict(FormatClick.Rows(300));
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-6, $"{p.Second} instead of {p.First}"));
    }

    private static float[] Expected() =>
        File.ReadAllLines(Fixture("format-click.expected.txt")).Select(line => float.Parse(line, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void A_model_saved_by_an_earlier_version_predicts_what_it_did_and_saves_to_the_same_bytes()
    {
        using var model = FormatClickDeepFM.Load(Fixture("format-click.recdsl"));

        AssertPredicts(model);
        var again = Path.Combine(folder, "again.recdsl");
        model.Save(again);
        Assert.Equal(File.ReadAllBytes(Fixture("format-click.recdsl")), File.ReadAllBytes(again));
    }

    [Fact]
    public void A_checkpoint_written_by_an_earlier_version_resumes()
    {
        var rows = FormatClick.Rows(300);
        using var saved = FormatClickDeepFM.Load(Fixture("format-click.recdsl"));
        var checkpoint = Path.Combine(folder, "run.ckpt");
        File.Copy(Fixture("format-click.ckpt"), checkpoint);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 5, CheckpointPath = checkpoint, EarlyStopping = new(Patience: 2) };

        // The fixture's vocabularies are the saved model's (the same run): a model built on them may resume it.
        using var model = new FormatClickDeepFM(saved.Vocabulary);
        using var batch = model.CreateCollator().Collate(rows);
        var done = new Trainer(model, options).Resume(checkpoint, batch, batch);

        // Epochs = 1 is what it holds: its run is returned as it was, with the weights it had (the best, epoch 1).
        Assert.Single(done.History);
        Assert.Equal(1, done.BestEpoch);
        AssertPredicts(model);

        var continued = new Trainer(model, options with { Epochs = 3 }).Resume(checkpoint, batch, batch);
        Assert.Equal(3, continued.History.Count);
        Assert.Equal((done.History[0].Epoch, done.History[0].TrainLoss), (continued.History[0].Epoch, continued.History[0].TrainLoss));
        Assert.Equal(done.History[0].Validation, continued.History[0].Validation);
        Assert.All(continued.History, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.NotEqual(Expected(), model.Predict(rows)); // trained on from the restored state
    }
}
