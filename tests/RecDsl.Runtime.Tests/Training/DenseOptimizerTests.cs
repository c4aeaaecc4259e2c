using RecDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>
/// RecDsl's Adam, AdamW and Adagrad (<see cref="DenseAdam"/>, <see cref="DenseAdagrad"/>) replace TorchSharp's, whose
/// step leaves implicit Scalars to the finalizer. TorchSharp's optimizers are the reference: from the same weights and
/// gradients both must end bitwise equal, with weight decay, a parameter that never gets a gradient and a learning
/// rate changed between steps, and a state written in the layout RecDsl used for TorchSharp's optimizers must resume.
/// </summary>
public class DenseOptimizerTests
{
    public static TheoryData<OptimizerKind, double> Cases() => new()
    {
        { OptimizerKind.Adam, 0 }, { OptimizerKind.Adam, 0.05 },
        { OptimizerKind.AdamW, 0 }, { OptimizerKind.AdamW, 0.05 },
        { OptimizerKind.Adagrad, 0 }, { OptimizerKind.Adagrad, 0.05 },
    };

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        private readonly Linear first = nn.Linear(5, 4), second = nn.Linear(4, 1);
        private readonly Parameter unused = new(torch.ones(3)); // never in the graph: no gradient, ever

        public Net() : base("net") => RegisterComponents();

        public override Tensor forward(Tensor x) => second.call(first.call(x).tanh());
    }

    // Weights and batches from seeded .NET RNGs, not torch's global one, which test classes running in parallel share.
    private static Net Seeded()
    {
        var net = new Net();
        int seed = 11;
        using (no_grad())
            foreach (var p in net.parameters().Where(p => p.numel() != 3)) Numeric.Randomize(p, seed++, 0.5);
        return net;
    }

    private static optim.Optimizer Reference(OptimizerKind kind, IEnumerable<Parameter> parameters, double decay) => kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, lr: 0.05, weight_decay: decay),
        OptimizerKind.AdamW => optim.AdamW(parameters, lr: 0.05, weight_decay: decay),
        _ => optim.Adagrad(parameters, lr: 0.05, weight_decay: decay),
    };

    private static void Backward(Net net, int step)
    {
        using var scope = NewDisposeScope();
        var x = Numeric.Random(100 + step, 1.0, 8, 5);
        var y = Numeric.Random(200 + step, 1.0, 8, 1);
        (net.call(x) - y).square().mean().backward();
    }

    // The same step, from the same batch, through ours and TorchSharp's.
    private static void StepBoth(TrainingOptimizer optimizer, Net ours, optim.Optimizer reference, Net theirs, int step)
    {
        optimizer.ZeroGrad();
        Backward(ours, step);
        optimizer.Step();
        reference.zero_grad();
        Backward(theirs, step);
        reference.step();
    }

    private static byte[][] Weights(Net net) => net.parameters().Select(p =>
    {
        using var scope = NewDisposeScope();
        return p.detach().contiguous().bytes.ToArray();
    }).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_torchsharps_optimizer_bit_for_bit(OptimizerKind kind, double decay)
    {
        using var ours = Seeded();
        using var theirs = Seeded();
        using var optimizer = TrainingOptimizer.Create(kind, ours.parameters().Select(p => (p, decay)).ToList(), 0.05);
        using var reference = Reference(kind, theirs.parameters(), decay);
        for (int step = 0; step < 6; step++)
        {
            if (step == 3)
            {
                optimizer.SetLearningRate(0.02);
                foreach (var group in reference.ParamGroups) group.LearningRate = 0.02;
            }
            StepBoth(optimizer, ours, reference, theirs, step);
        }
        var (a, b) = (Weights(ours), Weights(theirs));
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(a[i].AsSpan().SequenceEqual(b[i]), $"{kind} decay {decay}: parameter {i} differs");
        using var initial = Seeded();
        var before = Weights(initial);
        Assert.Equal(1, Enumerable.Range(0, a.Length).Count(i => a[i].AsSpan().SequenceEqual(before[i]))); // all trained but the unused one
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resumes_a_state_in_the_layout_written_for_torchsharps_optimizers(OptimizerKind kind, double decay)
    {
        using var ours = Seeded();
        using var theirs = Seeded();
        using var reference = Reference(kind, theirs.parameters(), decay);
        for (int step = 0; step < 3; step++)
        {
            reference.zero_grad();
            Backward(theirs, step);
            reference.step();
        }
        // The earlier checkpoint layout, written here from TorchSharp's own state.
        var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var states = ((OptimizerHelper)reference).state_dict().State;
            writer.Write(states.Count);
            foreach (var s in states)
            {
                switch (s)
                {
                    case Adam.State adam: WriteAdam(writer, "adam", adam.step, adam.exp_avg, adam.exp_avg_sq); break;
                    case AdamW.State adamW: WriteAdam(writer, "adamw", adamW.step, adamW.exp_avg, adamW.exp_avg_sq); break;
                    case Adagrad.State adagrad:
                        writer.Write("adagrad");
                        writer.Write(adagrad.step);
                        TensorFormat.Write(writer, adagrad.sum);
                        break;
                }
            }
        }
        using (no_grad())
            foreach (var (mine, reached) in ours.parameters().Zip(theirs.parameters())) mine.copy_(reached);
        using var optimizer = TrainingOptimizer.Create(kind, ours.parameters().Select(p => (p, decay)).ToList(), 0.05);
        state.Position = 0;
        using (var reader = new BinaryReader(state)) optimizer.ReadState(reader);

        for (int step = 3; step < 6; step++) StepBoth(optimizer, ours, reference, theirs, step);
        var (a, b) = (Weights(ours), Weights(theirs));
        for (int i = 0; i < a.Length; i++) Assert.True(a[i].AsSpan().SequenceEqual(b[i]), $"{kind}: parameter {i} differs after resuming");
    }

    [Fact]
    public void A_state_of_another_optimizer_is_refused_by_name()
    {
        using var net = Seeded();
        var parameters = net.parameters().Select(p => (p, 0.0)).ToList();
        using var adam = TrainingOptimizer.Create(OptimizerKind.Adam, parameters, 0.05);
        using var adagrad = TrainingOptimizer.Create(OptimizerKind.Adagrad, parameters, 0.05);
        var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true)) adam.WriteState(writer);
        state.Position = 0;
        using var reader = new BinaryReader(state);
        var error = Assert.Throws<CheckpointException>(() => adagrad.ReadState(reader));
        Assert.Equal("The checkpoint holds 'adam' optimizer state, but the trainer uses Adagrad.", error.Message);
    }

    private static void WriteAdam(BinaryWriter writer, string kind, long step, Tensor expAvg, Tensor expAvgSq)
    {
        writer.Write(kind);
        writer.Write(step);
        TensorFormat.Write(writer, expAvg);
        TensorFormat.Write(writer, expAvgSq);
        writer.Write(false);
    }
}
