using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RecDsl.Layers;

/// <summary>
/// The ESMM objective over all impressions: <c>BCE(pCTR, click) + BCE(pCTR * pCVR, click AND conversion)</c>,
/// computed from the CTR and CVR logits <c>a</c>, <c>b</c> in log space, never from probabilities:
/// <c>log pCTCVR = logsigmoid(a) + logsigmoid(b)</c> and
/// <c>log(1 - pCTCVR) = logsumexp(-a, -b, -a-b) + logsigmoid(a) + logsigmoid(b)</c>.
/// </summary>
/// <remarks>
/// The second identity is <c>1 - σ(a)σ(b) = (e^-a + e^-b + e^-a-b) / ((1 + e^-a)(1 + e^-b))</c>. It is exact and
/// finite for every finite a, b, where <c>log(-expm1(log pCTCVR))</c> reaches log 0 once pCTCVR rounds to 1.
/// </remarks>
public static class EsmmLoss
{
    /// <summary>The two loss terms, each a mean over the batch: CTR on all rows, CTCVR on all rows.</summary>
    /// <param name="ctrLogit">CTR logits [B].</param>
    /// <param name="cvrLogit">CVR logits [B].</param>
    /// <param name="click">Click labels in [0, 1], [B].</param>
    /// <param name="conversion">Conversion labels in [0, 1], [B] (observed over all impressions).</param>
    public static (Tensor Ctr, Tensor Ctcvr) Terms(Tensor ctrLogit, Tensor cvrLogit, Tensor click, Tensor conversion)
    {
        using var scope = torch.NewDisposeScope();
        var ctr = F.binary_cross_entropy_with_logits(ctrLogit, click);
        var logP = LogPctcvr(ctrLogit, cvrLogit);
        var logNotP = torch.stack(new[] { -ctrLogit, -cvrLogit, -(ctrLogit + cvrLogit) }, -1).logsumexp(-1) + logP;
        var ctcvrLabel = click * conversion;
        var ctcvr = -(ctcvrLabel * logP + (Scalars.One - ctcvrLabel) * logNotP).mean();
        return (ctr.MoveToOuterDisposeScope(), ctcvr.MoveToOuterDisposeScope());
    }

    /// <summary>The ESMM loss: sum of the two terms of <see cref="Terms"/>, a scalar.</summary>
    public static Tensor Compute(Tensor ctrLogit, Tensor cvrLogit, Tensor click, Tensor conversion)
    {
        using var scope = torch.NewDisposeScope();
        var (ctr, ctcvr) = Terms(ctrLogit, cvrLogit, click, conversion);
        return (ctr + ctcvr).MoveToOuterDisposeScope();
    }

    /// <summary><c>log(pCTR * pCVR)</c> from the logits, [B].</summary>
    public static Tensor LogPctcvr(Tensor ctrLogit, Tensor cvrLogit)
    {
        using var scope = torch.NewDisposeScope();
        return (F.logsigmoid(ctrLogit) + F.logsigmoid(cvrLogit)).MoveToOuterDisposeScope();
    }

    /// <summary>Probabilities from ESMM logits [B, 2] (CTR, CVR): [B, 3] = pCTR, pCVR, pCTCVR = pCTR * pCVR.</summary>
    public static Tensor Probabilities(Tensor logits)
    {
        using var scope = torch.NewDisposeScope();
        var p = logits.sigmoid();
        var ctcvr = p.select(1, 0) * p.select(1, 1);
        return torch.cat(new[] { p, ctcvr.unsqueeze(1) }, 1).MoveToOuterDisposeScope();
    }
}
