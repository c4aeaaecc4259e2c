using RecDsl.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class MlpTests
{
    [Fact]
    public void Output_shapes_follow_the_output_size_and_keep_leading_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        using var withOutput = new Mlp(6, new[] { 8, 4 }, Activation.Relu, dropout: 0.5, batchNorm: true, output: 1);
        Assert.Equal(new long[] { 10, 1 }, withOutput.call(Random(1, 1, 10, 6)).shape);
        using var noOutput = new Mlp(6, new[] { 8, 4 }, Activation.Tanh, output: 0);
        Assert.Equal(4, noOutput.OutputSize);
        Assert.Equal(new long[] { 10, 4 }, noOutput.call(Random(2, 1, 10, 6)).shape);
        using var sequence = new Mlp(6, new[] { 5 }, Activation.Dice, output: 1);
        Assert.Equal(new long[] { 2, 3, 1 }, sequence.call(Random(3, 1, 2, 3, 6)).shape);
    }

    [Fact]
    public void Layers_are_linear_batchnorm_activation_dropout_then_output()
    {
        using var mlp = new Mlp(6, new[] { 8 }, Activation.PRelu, dropout: 0.1, batchNorm: true, output: 2);
        Assert.Collection(mlp.Layers,
            l => Assert.IsType<Linear>(l),
            l => Assert.IsType<BatchNorm1d>(l),
            l => Assert.IsType<PRelu>(l),
            l => Assert.IsType<Dropout>(l),
            l => Assert.Equal(2, Assert.IsType<Linear>(l).out_features));
    }

    [Fact]
    public void Dropout_is_random_in_training_and_off_in_eval()
    {
        using var scope = torch.NewDisposeScope();
        using var mlp = new Mlp(6, new[] { 32 }, Activation.Relu, dropout: 0.5, output: 1);
        var x = Random(4, 1, 16, 6);
        mlp.train();
        Assert.NotEqual(Values(mlp.call(x)), Values(mlp.call(x)));
        mlp.eval();
        Assert.Equal(Values(mlp.call(x)), Values(mlp.call(x)));
    }

    /// <summary>Linear -> BatchNorm -> ReLU -> Linear, by loops; batch statistics in training, running ones in eval.</summary>
    private static double[] Reference(Mlp mlp, double[] x, int n, bool training)
    {
        var l1 = (Linear)mlp.Layers[0];
        var bn = (BatchNorm1d)mlp.Layers[1];
        var l2 = (Linear)mlp.Layers[3];
        int input = (int)l1.in_features, hidden = (int)l1.out_features, output = (int)l2.out_features;
        var w1 = Values(l1.weight!); var b1 = Values(l1.bias!);
        var w2 = Values(l2.weight!); var b2 = Values(l2.bias!);
        var gamma = Values(bn.weight!); var beta = Values(bn.bias!);
        var h = new double[n * hidden];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < hidden; j++)
                h[i * hidden + j] = b1[j] + Dot(w1, j * input, x, i * input, input);
        double[] mean, variance;
        if (training)
        {
            mean = new double[hidden];
            variance = new double[hidden];
            for (int j = 0; j < hidden; j++)
            {
                for (int i = 0; i < n; i++) mean[j] += h[i * hidden + j] / n;
                for (int i = 0; i < n; i++) variance[j] += Math.Pow(h[i * hidden + j] - mean[j], 2) / n;
            }
        }
        else
        {
            mean = Values(bn.running_mean!);
            variance = Values(bn.running_var!);
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < hidden; j++)
            {
                var z = (h[i * hidden + j] - mean[j]) / Math.Sqrt(variance[j] + bn.eps) * gamma[j] + beta[j];
                h[i * hidden + j] = Math.Max(0, z);
            }
        var y = new double[n * output];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < output; k++)
                y[i * output + k] = b2[k] + Dot(w2, k * hidden, h, i * hidden, hidden);
        return y;
    }

    [Fact]
    public void Training_uses_batch_statistics_and_eval_uses_running_statistics()
    {
        using var scope = torch.NewDisposeScope();
        using var mlp = new Mlp(5, new[] { 4 }, Activation.Relu, dropout: 0, batchNorm: true, output: 2);
        var bn = (BatchNorm1d)mlp.Layers[1];
        Randomize(bn.weight!, 31);
        Randomize(bn.bias!, 32);
        var x = Random(33, 2.0, 12, 5);
        mlp.train();
        Close(Reference(mlp, Values(x), 12, training: true), mlp.call(x), 1e-4, 1e-5);
        // A few more training passes move the running statistics away from (0, 1).
        for (int i = 0; i < 3; i++) mlp.call(Random(34 + i, 3.0, 12, 5));
        mlp.eval();
        var test = Random(40, 2.0, 7, 5);
        Close(Reference(mlp, Values(test), 7, training: false), mlp.call(test), 1e-4, 1e-5);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)] // would otherwise mean "no dropout" without a word
    public void A_dropout_outside_zero_to_one_or_nan_is_refused(double dropout)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(4, new[] { 8 }, Activation.Relu, dropout, batchNorm: false, output: 1));
        Assert.Equal("dropout", error.ParamName);
    }
}
