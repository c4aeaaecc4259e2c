namespace RecDsl.Training;

/// <summary>One of TorchSharp's optimizers, state saved field by field through <see cref="Optimizers"/>.</summary>
internal sealed class TorchOptimizer(TorchSharp.torch.optim.Optimizer optimizer) : TrainingOptimizer
{
    public override void ZeroGrad() => optimizer.zero_grad();

    public override void Step() => optimizer.step();

    public override void SetLearningRate(double learningRate) => Optimizers.SetLearningRate(optimizer, learningRate);

    public override void WriteState(BinaryWriter writer) => Optimizers.WriteState(writer, optimizer);

    public override void ReadState(BinaryReader reader) => Optimizers.ReadState(reader, optimizer);

    public override void Dispose() => optimizer.Dispose();
}
