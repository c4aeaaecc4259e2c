using RecDsl.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class DinAttentionTests
{
    private const int B = 3, L = 4, D = 3;

    // Row 0: two real items; row 1: three with a gap; row 2: empty history.
    private static readonly bool[] MaskValues =
    {
        true, true, false, false,
        true, false, true, true,
        false, false, false, false,
    };

    /// <summary>DIN attention by loops: scores over [q, k, q-k, q*k], masked (optionally softmax), weighted sum of keys.</summary>
    private static double[] Reference(DinAttention attention, double[] q, double[] k)
    {
        var input = new double[B * L * 4 * D];
        for (int b = 0; b < B; b++)
            for (int l = 0; l < L; l++)
                for (int d = 0; d < D; d++)
                {
                    var qd = q[b * D + d];
                    var kd = k[(b * L + l) * D + d];
                    var row = (b * L + l) * 4 * D;
                    input[row + d] = qd;
                    input[row + D + d] = kd;
                    input[row + 2 * D + d] = qd - kd;
                    input[row + 3 * D + d] = qd * kd;
                }
        var scores = ReferenceMlp.Run(attention.Unit, input, B * L, MaskValues);
        var result = new double[B * D];
        for (int b = 0; b < B; b++)
        {
            var weights = new double[L];
            var real = Enumerable.Range(0, L).Where(l => MaskValues[b * L + l]).ToArray();
            if (attention.Softmax && real.Length > 0)
            {
                var max = real.Max(l => scores[b * L + l]);
                var total = real.Sum(l => Math.Exp(scores[b * L + l] - max));
                foreach (var l in real) weights[l] = Math.Exp(scores[b * L + l] - max) / total;
            }
            else if (!attention.Softmax)
            {
                foreach (var l in real) weights[l] = scores[b * L + l];
            }
            for (int l = 0; l < L; l++)
                for (int d = 0; d < D; d++)
                    result[b * D + d] += weights[l] * k[(b * L + l) * D + d];
        }
        return result;
    }

    private static DinAttention Create(Activation activation, bool softmax)
    {
        var attention = new DinAttention(D, new[] { 5, 3 }, activation, softmax);
        attention.train();
        int seed = 70;
        foreach (var layer in attention.Unit.Layers)
        {
            if (layer is Dice dice) Randomize(dice.Alpha, seed++, 0.5);
            if (layer is PRelu prelu) Randomize(prelu.Slope, seed++, 0.5);
        }
        return attention;
    }

    [Theory]
    [InlineData(Activation.Dice, false, true)]
    [InlineData(Activation.Dice, false, false)]
    [InlineData(Activation.Dice, true, true)]
    [InlineData(Activation.Dice, true, false)]
    [InlineData(Activation.PRelu, false, true)]
    [InlineData(Activation.Sigmoid, true, true)]
    public void Attention_matches_a_loop_reference_over_the_real_positions(Activation activation, bool softmax, bool pack)
    {
        using var scope = torch.NewDisposeScope();
        using var attention = Create(activation, softmax);
        attention.Packing = pack ? PositionPacking.Packed : PositionPacking.Padded;
        var q = Random(81, 1.0, B, D);
        var k = Random(82, 1.0, B, L, D);
        var output = attention.call(q, k, Mask(MaskValues, B, L));
        Assert.Equal(new long[] { B, D }, output.shape);
        Close(Reference(attention, Values(q), Values(k)), output, 1e-4, 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Changing_a_padded_key_changes_nothing_even_with_batch_statistics(bool softmax)
    {
        using var scope = torch.NewDisposeScope();
        using var attention = Create(Activation.Dice, softmax);
        var mask = Mask(MaskValues, B, L);
        var q = Random(83, 1.0, B, D);
        var k = Random(84, 1.0, B, L, D);
        var changed = torch.where(mask.unsqueeze(-1), k, Random(85, 50.0, B, L, D));
        Same(attention.call(q, k, mask), attention.call(q, changed, mask), 1e-6);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void An_empty_history_gives_a_zero_vector_and_finite_gradients(bool softmax, bool wholeBatchEmpty)
    {
        using var scope = torch.NewDisposeScope();
        using var attention = Create(Activation.Dice, softmax);
        var maskValues = wholeBatchEmpty ? new bool[B * L] : MaskValues;
        var q = Random(86, 1.0, B, D).requires_grad_();
        var k = Random(87, 1.0, B, L, D).requires_grad_();
        var output = attention.call(q, k, Mask(maskValues, B, L));
        Assert.All(Values(output.select(0, 2)), v => Assert.Equal(0.0, v));
        if (wholeBatchEmpty) Assert.All(Values(output), v => Assert.Equal(0.0, v));
        (output * Random(88, 1.0, B, D)).sum().backward();
        Finite(q.grad!);
        Finite(k.grad!);
        foreach (var p in attention.parameters()) Finite(p.grad!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Scoring_only_the_real_positions_gives_the_padded_path_gradients_and_statistics(bool softmax)
    {
        using var scope = torch.NewDisposeScope();
        var mask = Mask(MaskValues, B, L);
        var upstream = Random(91, 1.0, B, D);
        using var paddedAttention = Create(Activation.Dice, softmax);
        using var packedAttention = Create(Activation.Dice, softmax);
        using (torch.no_grad()) // the same weights on both paths (not the global seed: other tests run in parallel)
            foreach (var (from, to) in paddedAttention.parameters().Zip(packedAttention.parameters())) to.copy_(from);
        (double[] Output, double[][] Gradients, double[] RunningMean) Run(DinAttention attention, bool pack)
        {
            attention.Packing = pack ? PositionPacking.Packed : PositionPacking.Padded;
            var q = Random(89, 1.0, B, D).requires_grad_();
            var k = Random(90, 1.0, B, L, D).requires_grad_();
            var output = attention.call(q, k, mask);
            (output * upstream).sum().backward();
            var gradients = new[] { q.grad!, k.grad! }.Concat(attention.parameters().Select(p => p.grad!)).Select(Values).ToArray();
            var dice = attention.Unit.Layers.OfType<Dice>().First();
            return (Values(output), gradients, Values(dice.RunningMean));
        }
        var padded = Run(paddedAttention, pack: false);
        var packed = Run(packedAttention, pack: true);
        Close(padded.Output, torch.tensor(packed.Output), 1e-5, 1e-6);
        Assert.Equal(padded.Gradients.Length, packed.Gradients.Length);
        for (int i = 0; i < padded.Gradients.Length; i++) Close(padded.Gradients[i], torch.tensor(packed.Gradients[i]), 1e-4, 1e-5);
        Close(padded.RunningMean, torch.tensor(packed.RunningMean), 1e-5, 1e-6);
        // Padded keys get exactly zero gradient on both paths.
        var keyGradient = packed.Gradients[1];
        for (int p = 0; p < B * L; p++)
            if (!MaskValues[p]) Assert.All(keyGradient.Skip(p * D).Take(D), g => Assert.Equal(0.0, g));
    }
}
