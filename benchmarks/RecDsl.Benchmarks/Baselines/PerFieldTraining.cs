using RecDsl.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Baselines;

/// <summary>
/// The training loop of torch-rechub's CTRTrainer for a per-field baseline: zero_grad, forward, BCE with logits,
/// backward, dense <c>Adam.step</c>. Batches are cut from the same resident data as RecDsl's trainer does
/// (a permutation, <c>narrow</c>, <c>index_select</c>), not through a DataLoader, so only model and optimizer differ.
/// </summary>
public static class PerFieldTraining
{
    /// <summary>Trains <paramref name="warmup"/> + <paramref name="steps"/> batches and returns samples per second
    /// over the last <paramref name="steps"/>.</summary>
    public static Quick.Throughput SamplesPerSecond(nn.Module<FeatureBatch, Tensor> model, FeatureBatch data, int batchSize, int warmup, int steps, long seed)
    {
        if ((warmup + steps) * (long)batchSize > data.Count) throw new ArgumentException("Not enough rows for the steps.");
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        model.train();
        using var order = randperm(data.Count, generator: new Generator((ulong)seed));
        var clock = new Quick.CpuClock();
        for (int step = 0; step < warmup + steps; step++)
        {
            if (step == warmup) clock.Restart();
            using var scope = NewDisposeScope();
            using var batch = data.Select(order.narrow(0, step * batchSize, batchSize));
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(batch), batch.Label!);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return Quick.Throughput.Of(steps * (long)batchSize, clock.Read());
    }
}
