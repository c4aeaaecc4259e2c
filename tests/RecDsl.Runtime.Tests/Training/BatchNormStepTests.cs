using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Tests.Models;
using RecDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>A training step of one row makes BatchNorm's running variance NaN, so every later prediction is NaN while
/// the training loss looks fine. The trainer never takes such a step, and drops no row to avoid it.</summary>
public sealed class BatchNormStepTests
{
    private const FeatureRoles Fm = FeatureRoles.FmField, Deep = FeatureRoles.Deep;

    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("U", 5, 4, Fm | Deep).Sparse("I", 7, 4, Fm | Deep).Dense("P", Fm | Deep).Build();

    private static float[] Labels(int n) => Enumerable.Range(0, n).Select(i => (float)(i % 2)).ToArray();

    [Fact]
    public void The_premise_a_one_row_step_in_training_mode_makes_the_running_variance_nan()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.BatchNorm1d(3);
        norm.train();
        norm.call(tensor(new float[] { 1, 2, 3 }, 1, 3));
        Assert.All(norm.running_var!.data<float>().ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData(33, 16)]   // 16 + 16 + 1
    [InlineData(1025, 1024)]
    [InlineData(17, 16)]
    public void With_batchnorm_a_single_leftover_row_trains_in_the_step_before_it_and_predictions_stay_finite(int rows, int batchSize)
    {
        using var scope = NewDisposeScope();
        using var net = new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = new[] { 5 }, BatchNorm = true });
        using var train = new Synthetic(Schema, rows, 301).Batch(label: Labels(rows));
        var steps = new List<TrainingProgress>();

        new Trainer(net, new TrainerOptions { Epochs = 2, BatchSize = batchSize }).Fit(train, progress: new InlineProgress(steps.Add));

        int expectedSteps = rows / batchSize; // the leftover row joined the last full step
        Assert.Equal(expectedSteps, steps.First(p => p.Completed is not null).Batches);
        Assert.Equal(2 * expectedSteps, steps.Count(p => p.Completed is null));
        foreach (var norm in net.modules().OfType<BatchNorm1d>())
            Assert.All(norm.running_var!.data<float>().ToArray(), v => Assert.True(float.IsFinite(v), $"running variance {v}"));
        net.eval();
        using var _ = no_grad();
        Assert.All(net.Probabilities(net.call(train)).data<float>().ToArray(), p => Assert.True(float.IsFinite(p), $"probability {p}"));
    }

    [Fact]
    public void Without_batchnorm_the_last_step_keeps_its_single_row()
    {
        using var scope = NewDisposeScope();
        using var net = new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = new[] { 5 } });
        using var train = new Synthetic(Schema, 33, 302).Batch(label: Labels(33));
        var steps = new List<TrainingProgress>();

        new Trainer(net, new TrainerOptions { Epochs = 1, BatchSize = 16 }).Fit(train, progress: new InlineProgress(steps.Add));

        Assert.Equal(3, steps.Count(p => p.Completed is null));
    }

    [Fact]
    public void With_batchnorm_a_batch_size_of_one_or_a_single_training_row_is_refused_naming_batchnorm()
    {
        using var scope = NewDisposeScope();
        using var net = new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = new[] { 5 }, BatchNorm = true });
        using var four = new Synthetic(Schema, 4, 303).Batch(label: Labels(4));
        using var one = new Synthetic(Schema, 1, 304).Batch(label: Labels(1));

        var batchOfOne = Assert.Throws<ArgumentException>(() => new Trainer(net, new TrainerOptions { Epochs = 1, BatchSize = 1 }).Fit(four));
        Assert.StartsWith("BatchSize is 1, but this network has BatchNorm", batchOfOne.Message);
        var oneRow = Assert.Throws<ArgumentException>(() => new Trainer(net, new TrainerOptions { Epochs = 1, BatchSize = 8 }).Fit(one));
        Assert.StartsWith("The training data has 1 row, but this network has BatchNorm", oneRow.Message);
        Assert.Equal("train", oneRow.ParamName);
    }

    [Fact]
    public void Every_plan_covers_each_row_once_in_order_and_merges_only_a_single_leftover()
    {
        for (int rows = 1; rows <= 70; rows++)
            for (int batchSize = 1; batchSize <= 17; batchSize++)
                foreach (bool merge in new[] { false, true })
                {
                    var plan = new EpochBatches(rows, batchSize, merge);
                    var steps = Enumerable.Range(0, plan.Count).Select(b => plan[b]).ToArray();
                    int next = 0;
                    foreach (var (start, length) in steps)
                    {
                        Assert.Equal(next, start);
                        Assert.InRange(length, 1, batchSize + 1);
                        next += length;
                    }
                    Assert.Equal(rows, next);
                    Assert.All(steps[..^1], s => Assert.Equal(batchSize, s.Length)); // only the last step differs
                    if (!merge) Assert.InRange(steps[^1].Length, 1, batchSize);
                    if (merge && rows > 1 && batchSize > 1) Assert.NotEqual(1, steps[^1].Length);
                }
    }
}
