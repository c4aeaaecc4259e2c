using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class MaskedPoolingTests
{
    private const int B = 3, L = 4, D = 5;

    // Row 0: a prefix; row 1: a gap in the middle; row 2: all padding.
    private static readonly bool[] MaskValues =
    {
        true, true, false, false,
        true, false, true, true,
        false, false, false, false,
    };

    private static double[] Reference(double[] e, Pooling pooling)
    {
        var result = new double[B * D];
        for (int b = 0; b < B; b++)
        for (int d = 0; d < D; d++)
        {
            double sum = 0, max = double.NegativeInfinity;
            int count = 0;
            for (int l = 0; l < L; l++)
            {
                if (!MaskValues[b * L + l]) continue;
                var v = e[(b * L + l) * D + d];
                sum += v;
                max = Math.Max(max, v);
                count++;
            }
            result[b * D + d] = pooling switch
            {
                Pooling.Sum => sum,
                Pooling.Mean => count == 0 ? 0 : sum / count,
                _ => count == 0 ? 0 : max,
            };
        }
        return result;
    }

    [Theory]
    [InlineData(Pooling.Sum)]
    [InlineData(Pooling.Mean)]
    [InlineData(Pooling.Max)]
    public void Pooling_matches_a_loop_over_the_real_positions(Pooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        var e = Random(1, 1.0, B, L, D);
        var output = MaskedPooling.Pool(e, Mask(MaskValues, B, L), pooling);
        Assert.Equal(new long[] { B, D }, output.shape);
        Close(Reference(Values(e), pooling), output);
    }

    [Theory]
    [InlineData(Pooling.Sum)]
    [InlineData(Pooling.Mean)]
    [InlineData(Pooling.Max)]
    public void Padded_positions_never_contribute(Pooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        var mask = Mask(MaskValues, B, L);
        var e = Random(2, 1.0, B, L, D);
        // Huge values at the padded positions: they would win a max and dominate a sum.
        var changed = torch.where(mask.unsqueeze(-1), e, Random(3, 1000.0, B, L, D));
        Same(MaskedPooling.Pool(e, mask, pooling), MaskedPooling.Pool(changed, mask, pooling), 0);
    }

    [Theory]
    [InlineData(Pooling.Sum)]
    [InlineData(Pooling.Mean)]
    [InlineData(Pooling.Max)]
    public void An_all_padding_row_gives_zeros_and_finite_zero_gradients(Pooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        var e = Random(4, 1.0, B, L, D).requires_grad_();
        var mask = Mask(MaskValues, B, L);
        var output = MaskedPooling.Pool(e, mask, pooling);
        Assert.All(Values(output.select(0, 2)), v => Assert.Equal(0.0, v));
        (output * Random(5, 1.0, B, D)).sum().backward();
        var grad = e.grad!;
        Finite(grad);
        // No gradient reaches a padded position (so padding rows never learn).
        Assert.All(Values(grad.masked_select(mask.logical_not().unsqueeze(-1).expand(B, L, D))), v => Assert.Equal(0.0, v));
    }
}
