using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Streamed training on the device (<c>Trainer.Fit</c> over a source of blocks): one block collated on the host and
/// moved to the device by the trainer must train as the resident batch does (bitwise on the CPU; within
/// <see cref="LossBound"/> per epoch on CUDA, whose embedding backward adds with atomics), and <see cref="Blocks"/>
/// blocks collated straight onto the device must train (the last epoch's loss below the first's). What fails: a block
/// left on the host, a block freed before its last step, the loss summed over the wrong rows.
/// </summary>
internal static class StreamedSection
{
    public const int Epochs = 3;
    public const int Blocks = 3;
    public const double LossBound = 1e-3;

    public static void Run(IReadOnlyList<ModelCase> cases, Device device, CheckSettings settings, Report report)
    {
        foreach (var c in cases.Where(c => c.Name is "deepfm" or "din")) report.Guard($"streamed_{c.Name}", () => Check(c, device, settings, report));
    }

    private static void Check(ModelCase c, Device device, CheckSettings settings, Report report)
    {
        var options = new TrainerOptions
        {
            Device = settings.Device, Epochs = Epochs, BatchSize = settings.BatchSize, LearningRate = settings.LearningRate, Seed = 7,
        };
        int rows = settings.TrainRows, perBlock = (rows + Blocks - 1) / Blocks;

        TrainingResult resident;
        using (var train = c.CollateTrain(0, rows, device))
        using (var model = c.CreateOn(device, seed: 29))
            resident = new Trainer(model, options).Fit(train);
        using var oneBlockModel = c.CreateOn(device, seed: 29);
        var oneBlock = new Trainer(oneBlockModel, options).Fit(() => new[] { c.CollateTrain(0, rows, CPU) });
        using var blocksModel = c.CreateOn(device, seed: 29);
        var blocks = new Trainer(blocksModel, options).Fit(() => Enumerable.Range(0, Blocks)
            .Select(b => c.CollateTrain(b * perBlock, Math.Min(perBlock, rows - b * perBlock), device)));

        double lossError = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
            lossError = Math.Max(lossError, Math.Abs(oneBlock.History[epoch].TrainLoss - resident.History[epoch].TrainLoss) / Math.Abs(resident.History[epoch].TrainLoss));
        bool exact = device.type == DeviceType.CPU;
        bool learns = blocks.History[^1].TrainLoss < blocks.History[0].TrainLoss;
        bool ok = (exact ? lossError == 0 : lossError <= LossBound) && learns && blocks.History.All(h => double.IsFinite(h.TrainLoss));
        report.Check($"streamed_{c.Name}", ok,
            $"device={device} epochs={Epochs} one_block_max_rel_train_loss_diff={Report.F(lossError, "E2")} " +
            $"bound={(exact ? "bitwise" : Report.F(LossBound, "E0"))} blocks={Blocks} " +
            $"train_loss={Report.F(blocks.History[0].TrainLoss, "F4")}->{Report.F(blocks.History[^1].TrainLoss, "F4")}");
    }
}
