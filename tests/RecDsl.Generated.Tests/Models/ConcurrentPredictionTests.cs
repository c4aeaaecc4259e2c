using RecDsl.Models;
using RecDsl.Training;
using Shop;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Models;

/// <summary>Predict from many threads on one model, as a server does. The train/eval mode is one flag of the whole
/// module: without a lock one call's forward could run in train mode (dropout on, BatchNorm updating its running
/// statistics from a prediction batch), which changed both that call's answer and every later one.</summary>
public class ConcurrentPredictionTests
{
    private static readonly DeepFmOptions WithBatchNormAndDropout = AdClickDeepFM.DeclaredOptions with { BatchNorm = true, Dropout = 0.5 };

    private static AdClick[] Rows(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new AdClick
        {
            UserId = r.Next(100), AdId = r.Next(40), Site = "s" + r.Next(20), Category = "c" + r.Next(7),
            Price = (float)r.NextDouble(), Clicked = r.Next(2) == 0,
        }).ToArray();
    }

    private static byte[][] State(nn.Module module) =>
        module.state_dict().Values.Select(t => t.cpu().contiguous().bytes.ToArray()).ToArray();

    [Fact]
    public void Concurrent_predictions_on_a_model_left_in_train_mode_all_equal_the_sequential_one_and_change_no_state()
    {
        var rows = Rows(1500, 1);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(rows), WithBatchNormAndDropout);
        using (var train = model.CreateCollator().Collate(rows)) new Trainer(model, new TrainerOptions { Epochs = 1, BatchSize = 256 }).Fit(train);
        Assert.True(model.training); // as Fit leaves it
        var expected = model.Predict(rows);
        var stateBefore = State(model);

        var answers = new float[48][];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => answers[i] = model.Predict(rows, batchSize: 128));

        Assert.All(answers, a => Assert.Equal(expected, a));
        Assert.True(model.training);
        Assert.Equal(stateBefore, State(model)); // running statistics untouched
    }

    [Fact]
    public void Predictions_beside_a_training_run_leave_its_weights_bitwise_those_of_an_undisturbed_run()
    {
        var rows = Rows(1200, 2);
        var vocabulary = AdClickVocabulary.Fit(rows);
        // BatchNorm without dropout: a step run in eval mode would train on running statistics and change the
        // weights, and nothing draws from torch's global RNG (which tests running in parallel share).
        var options = AdClickDeepFM.DeclaredOptions with { BatchNorm = true };
        using var undisturbed = new AdClickDeepFM(vocabulary, options);
        using var disturbed = new AdClickDeepFM(vocabulary, options);
        using (no_grad())
            foreach (var (name, tensor) in undisturbed.state_dict()) disturbed.state_dict()[name].copy_(tensor);
        var trainerOptions = new TrainerOptions { Epochs = 3, BatchSize = 64, Optimizer = OptimizerKind.Adam };
        using var train = disturbed.CreateCollator().Collate(rows);

        new Trainer(undisturbed, trainerOptions).Fit(train);
        using var stop = new CancellationTokenSource();
        int predictions = 0;
        using var predicting = new ManualResetEventSlim();
        // A thread of its own: a thread-pool task could start only after training ended on a busy machine.
        var predictor = new Thread(() =>
        {
            predicting.Set();
            while (!stop.IsCancellationRequested)
            {
                disturbed.Predict(rows, batchSize: 100);
                Interlocked.Increment(ref predictions);
            }
        }) { IsBackground = true };
        predictor.Start();
        predicting.Wait();
        new Trainer(disturbed, trainerOptions).Fit(train);
        stop.Cancel();
        predictor.Join();

        Assert.True(predictions > 0);
        Assert.Equal(State(undisturbed), State(disturbed));
    }
}
