using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class FactorizationMachineTests
{
    private const int B = 4, F = 5, D = 3;

    [Fact]
    public void Second_order_equals_the_explicit_sum_over_field_pairs()
    {
        using var scope = torch.NewDisposeScope();
        var e = Random(11, 1.0, B, F, D);
        var output = FactorizationMachine.SecondOrder(e);
        Assert.Equal(new long[] { B }, output.shape);
        var v = Values(e);
        var expected = new double[B];
        for (int b = 0; b < B; b++)
            for (int i = 0; i < F; i++)
                for (int j = i + 1; j < F; j++)
                    expected[b] += Dot(v, (b * F + i) * D, v, (b * F + j) * D, D);
        Close(expected, output);
    }

    [Fact]
    public void Gradient_of_a_field_is_the_sum_of_the_other_fields()
    {
        using var scope = torch.NewDisposeScope();
        var e = Random(12, 1.0, B, F, D).requires_grad_();
        FactorizationMachine.SecondOrder(e).sum().backward();
        var v = Values(e);
        var expected = new double[B * F * D];
        for (int b = 0; b < B; b++)
            for (int i = 0; i < F; i++)
                for (int d = 0; d < D; d++)
                    for (int j = 0; j < F; j++)
                        if (j != i) expected[(b * F + i) * D + d] += v[(b * F + j) * D + d];
        Close(expected, e.grad!);
    }
}
