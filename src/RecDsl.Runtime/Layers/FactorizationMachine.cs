using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>The second-order term of a factorization machine.</summary>
public static class FactorizationMachine
{
    /// <summary>
    /// <c>0.5 * sum_d[(sum_f e_fd)^2 - sum_f e_fd^2]</c> over fields <paramref name="fields"/> [B, F, D], which
    /// equals the sum of <c>&lt;e_i, e_j&gt;</c> over field pairs i &lt; j in O(F·D); returns [B].
    /// </summary>
    public static Tensor SecondOrder(Tensor fields)
    {
        using var scope = torch.NewDisposeScope();
        var squareOfSum = fields.sum(1).pow(Scalars.TwoInteger);
        var sumOfSquares = fields.pow(Scalars.TwoInteger).sum(1);
        return (squareOfSum - sumOfSquares).sum(1).mul(Scalars.Half).MoveToOuterDisposeScope();
    }
}
