using RecDsl.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static RecDsl.Tests.Numeric;
using static TorchSharp.torch;

namespace RecDsl.Tests.Layers;

/// <summary><see cref="Mlp"/> runs its BatchNorm1d through RecDsl's copy of TorchSharp's forward (which passes an
/// implicit Scalar); these hold the copy to TorchSharp's own forward, value for value and counter for counter.</summary>
public class BatchNormForwardTests
{
    private static BatchNorm1d Norm(double? momentum, int seed)
    {
        var norm = nn.BatchNorm1d(4, momentum: momentum ?? 0.1);
        norm.momentum = momentum;
        Randomize(norm.weight!, seed);
        Randomize(norm.bias!, seed + 1);
        return norm;
    }

    private static void Identical(Tensor expected, Tensor actual) => Assert.Equal(Values(expected), Values(actual));

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(null)] // a cumulative average: the factor comes from the counter
    public void Training_steps_then_eval_match_torchsharps_forward_exactly(double? momentum)
    {
        using var scope = torch.NewDisposeScope();
        using var ours = Norm(momentum, 5);
        using var theirs = Norm(momentum, 5);
        for (int step = 0; step < 4; step++)
        {
            var x = Random(10 + step, 2.0, 9, 4).requires_grad_();
            var y = BatchNormForward.Run(ours, x);
            var xr = x.detach().clone().requires_grad_();
            var yr = theirs.call(xr);
            Identical(yr, y);
            y.sum().backward();
            yr.sum().backward();
            Identical(xr.grad!, x.grad!);
            Identical(theirs.weight!.grad!, ours.weight!.grad!);
            Identical(theirs.running_mean!, ours.running_mean!);
            Identical(theirs.running_var!, ours.running_var!);
            Assert.Equal(step + 1, ours.num_batches_tracked!.item<long>());
            Assert.Equal(theirs.num_batches_tracked!.item<long>(), ours.num_batches_tracked!.item<long>());
        }
        ours.eval();
        theirs.eval();
        var test = Random(30, 2.0, 6, 4);
        Identical(theirs.call(test), BatchNormForward.Run(ours, test));
        Assert.Equal(4, ours.num_batches_tracked!.item<long>()); // eval counts nothing
        var sequence = Random(31, 1.0, 3, 4, 5); // [N, C, L]
        Identical(theirs.call(sequence), BatchNormForward.Run(ours, sequence));
    }

    [Fact]
    public void An_mlp_with_batchnorm_trains_as_one_built_from_torchsharps_modules()
    {
        using var scope = torch.NewDisposeScope();
        using var mlp = new Mlp(5, new[] { 4 }, Activation.Relu, dropout: 0, batchNorm: true, output: 1);
        using var copy = new Mlp(5, new[] { 4 }, Activation.Relu, dropout: 0, batchNorm: true, output: 1);
        copy.load_state_dict(mlp.state_dict());
        for (int step = 0; step < 3; step++)
        {
            var x = Random(50 + step, 1.0, 8, 5);
            Tensor manual = x;
            foreach (var layer in copy.Layers) manual = layer.call(manual); // BatchNorm1d's own forward
            Identical(manual, mlp.call(x));
        }
        var ours = mlp.state_dict();
        foreach (var (key, value) in copy.state_dict()) Identical(value, ours[key]);
    }

    [Fact]
    public void A_4d_input_is_refused_as_torchsharp_refuses_it()
    {
        using var scope = torch.NewDisposeScope();
        using var norm = Norm(0.1, 1);
        Assert.ThrowsAny<Exception>(() => norm.call(Random(1, 1.0, 2, 4, 3, 3)));
        var error = Assert.Throws<ArgumentException>(() => BatchNormForward.Run(norm, Random(1, 1.0, 2, 4, 3, 3)));
        Assert.Contains("2D or 3D", error.Message);
    }
}
