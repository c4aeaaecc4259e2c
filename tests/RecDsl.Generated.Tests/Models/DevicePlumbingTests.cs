using RecDsl.Backend;
using RecDsl.Training;
using Shop;
using Shop.Funnel;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Models;

/// <summary>One device name, resolved once, drives the collator, the model and the trainer; on this CPU machine
/// the name is "cpu" (the CUDA path runs in benchmarks/GpuCheck on a GPU machine).</summary>
public class DevicePlumbingTests
{
    private static AdClick[] Records(int n)
    {
        var r = new Random(7);
        return Enumerable.Range(0, n).Select(_ =>
        {
            int ad = r.Next(40);
            return new AdClick { UserId = r.Next(100), AdId = ad, Site = "s" + r.Next(20), Category = "c" + (ad % 7), Price = (float)r.NextDouble(), Clicked = ad % 2 == 0 };
        }).ToArray();
    }

    [Fact]
    public void Collating_on_the_resolved_cpu_device_gives_the_default_batch()
    {
        var records = Records(50);
        var collator = new AdClickCollator(AdClickVocabulary.Fit(records));
        var device = DeviceSelection.Resolve(" Cpu ");

        using var onDevice = collator.Collate(records, device);
        using var plain = collator.Collate(records);

        Assert.Equal(DeviceType.CPU, onDevice.Device.type);
        Assert.True(onDevice.SparseRows.eq(plain.SparseRows).all().item<bool>());
        Assert.True(onDevice.Dense.eq(plain.Dense).all().item<bool>());
        Assert.True(onDevice.Label!.eq(plain.Label!).all().item<bool>());
        Assert.Equal(DeviceType.CPU, onDevice.UserId.device_type);
    }

    [Fact]
    public void Esmm_batches_with_sequences_keep_every_tensor_on_the_requested_device()
    {
        var records = Enumerable.Range(0, 20).Select(i => new Tracking.Impression(i, DeviceKind.Mobile, i % 2 == 0, new[] { "q" + i }, i, true, false)).ToArray();
        using var batch = new TrackingImpressionCollator().Collate(records, DeviceSelection.Resolve("cpu"));

        var tensors = new[] { batch.SparseRows, batch.Dense, batch.ClickLabel!, batch.ConversionLabel! }.Concat(batch.SequenceRows);
        Assert.All(tensors, t => Assert.Equal(DeviceType.CPU, t.device_type));
        Assert.Equal(new long[] { 20, 8 }, batch.SequenceRows[0].shape);
    }

    [Fact]
    public void The_trainer_trains_a_generated_model_on_the_named_device_and_predict_follows_it()
    {
        torch.manual_seed(11);
        var records = Records(256);
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        using var data = model.CreateCollator().Collate(records, DeviceSelection.Resolve("cpu"));

        var result = new Trainer(model, new TrainerOptions { Device = "CPU", Epochs = 3, BatchSize = 64, LearningRate = 0.02 }).Fit(data);

        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss, $"{result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.Equal(records.Length, model.Predict(records).Length);
    }
}
