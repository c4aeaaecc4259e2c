using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class EsmmLossTests
{
    /// <summary>The ESMM loss in float64, derived independently: log(1 - σ(a)σ(b)) = log(σ(-a) + σ(a)σ(-b)).</summary>
    private static (double Ctr, double Ctcvr) Reference(double[] a, double[] b, double[] click, double[] conversion)
    {
        double ctr = 0, ctcvr = 0;
        for (int i = 0; i < a.Length; i++)
        {
            var logPctr = -Math.Log(1 + Math.Exp(-a[i]));
            var logNotPctr = -Math.Log(1 + Math.Exp(a[i]));
            var logPcvr = -Math.Log(1 + Math.Exp(-b[i]));
            var logP = logPctr + logPcvr;
            var logNotP = Math.Log(Sigmoid(-a[i]) + Sigmoid(a[i]) * Sigmoid(-b[i]));
            var y = click[i] * conversion[i];
            ctr -= click[i] * logPctr + (1 - click[i]) * logNotPctr;
            ctcvr -= y * logP + (1 - y) * logNotP;
        }
        return (ctr / a.Length, ctcvr / a.Length);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(40.0)]
    [InlineData(100.0)]
    public void Loss_matches_the_float64_formula_and_stays_finite_for_extreme_logits(double scale)
    {
        using var scope = torch.NewDisposeScope();
        const int n = 16;
        var a = (Random(91, scale, n) + scale / 4).requires_grad_();
        var b = (Random(92, scale, n) + scale / 4).requires_grad_();
        a.retain_grad();
        b.retain_grad();
        var click = torch.tensor(Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1f : 0f).ToArray());
        var conversion = torch.tensor(Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 1f : 0f).ToArray());
        var (ctr, ctcvr) = EsmmLoss.Terms(a, b, click, conversion);
        var expected = Reference(Values(a), Values(b), Values(click), Values(conversion));
        Close(new[] { expected.Ctr }, ctr, 1e-5, 1e-5);
        Close(new[] { expected.Ctcvr }, ctcvr, 1e-5, 1e-5);
        var total = EsmmLoss.Compute(a, b, click, conversion);
        Close(new[] { expected.Ctr + expected.Ctcvr }, total, 1e-5, 1e-5);
        total.backward();
        Finite(a.grad!);
        Finite(b.grad!);
    }

    [Fact]
    public void A_confident_wrong_pctcvr_gives_a_large_finite_loss_not_infinity()
    {
        using var scope = torch.NewDisposeScope();
        var logit = torch.tensor(new[] { 200f }).requires_grad_();
        var (_, ctcvr) = EsmmLoss.Terms(logit, logit, torch.ones(1), torch.zeros(1));
        // 1 - σ(200)² ≈ 2e^-200, so the loss is about 200 - log 2.
        Close(new[] { 200 - Math.Log(2) }, ctcvr, 1e-5, 1e-3);
        ctcvr.backward();
        Finite(logit.grad!);
    }

    [Fact]
    public void Probabilities_are_pctr_pcvr_and_their_product()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Random(93, 2.0, 5, 2);
        var probabilities = EsmmLoss.Probabilities(logits);
        Assert.Equal(new long[] { 5, 3 }, probabilities.shape);
        var l = Values(logits);
        var expected = new double[15];
        for (int i = 0; i < 5; i++)
        {
            expected[i * 3] = Sigmoid(l[i * 2]);
            expected[i * 3 + 1] = Sigmoid(l[i * 2 + 1]);
            expected[i * 3 + 2] = expected[i * 3] * expected[i * 3 + 1];
        }
        Close(expected, probabilities, 1e-6, 1e-7);
    }
}
