using RecDsl.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// The training loop of torch-rechub's CTRTrainer for the per-field baseline (zero_grad, forward, BCE with logits,
/// backward, dense Adam step), on batches cut from the same resident data the trainer uses (a permutation and
/// <c>index_select</c>), timed on the device. Only the model and its layout differ from RecDsl's run.
/// </summary>
internal static class PerFieldLoop
{
    /// <summary>Samples per second over <paramref name="steps"/> steps after <paramref name="warmup"/>.</summary>
    public static double SamplesPerSecond(nn.Module<FeatureBatch, Tensor> model, FeatureBatch onDevice, int batchSize, int warmup, int steps, Device device)
    {
        model.to(device);
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var order = randperm(onDevice.Count, generator: new Generator(1)).to(device);
        var clock = new DeviceClock(device);
        for (int step = 0; step < warmup + steps; step++)
        {
            if (step == warmup) clock.Start();
            using var scope = NewDisposeScope();
            using var batch = onDevice.Select(order.narrow(0, (long)step * batchSize, batchSize));
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(batch), batch.Label!);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return steps * (double)batchSize / clock.Stop();
    }
}
