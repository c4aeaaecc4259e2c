using RecDsl.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// The data-adaptive activation of the DIN paper: <c>p = sigmoid((x - mean) / sqrt(var + eps))</c>,
/// <c>out = p*x + (1-p)*alpha*x</c>, with one <c>alpha</c> per channel starting at 0. In training mode mean and
/// (biased) variance are batch statistics per channel, as in the paper, FuxiCTR and DeepCTR-Torch (not the
/// per-sample normalisation of torch-rechub), and they update running statistics (momentum 0.1, unbiased
/// variance, like BatchNorm); eval mode uses the running statistics.
/// </summary>
/// <remarks>
/// Works on [N, C] and on [B, L, C] (statistics over B and L). <see cref="forward(Tensor, Tensor?)"/> takes an
/// optional mask of the leading dimensions, so that padded positions of a history do not enter the statistics:
/// without it, a padded key would still change the attention weights of the real ones in training.
/// </remarks>
public sealed class Dice : nn.Module<Tensor, Tensor>
{
    /// <summary>Variance epsilon of the reference implementations.</summary>
    public const double DefaultEps = 1e-8;

    // Field names are the state_dict keys; the running statistics are named as in BatchNorm.
    private readonly Parameter alpha;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;

    /// <summary>Creates Dice over <paramref name="channels"/> channels (the last dimension).</summary>
    public Dice(long channels, double eps = DefaultEps, double momentum = 0.1, string name = nameof(Dice)) : base(BackendFirst.Name(name))
    {
        Channels = channels;
        Eps = eps;
        Momentum = momentum;
        alpha = nn.Parameter(torch.zeros(channels));
        running_mean = torch.zeros(channels).DetachFromDisposeScope();
        running_var = torch.ones(channels).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>Channels (size of the last dimension).</summary>
    public long Channels { get; }

    /// <summary>Variance epsilon.</summary>
    public double Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>Per-channel slope of the "off" side, [C].</summary>
    public Parameter Alpha => alpha;

    /// <summary>Running mean, [C].</summary>
    public Tensor RunningMean => running_mean;

    /// <summary>Running (unbiased) variance, [C].</summary>
    public Tensor RunningVar => running_var;

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>Applies Dice; <paramref name="mask"/> (Bool, shape of <paramref name="x"/> without its last
    /// dimension) limits the batch statistics to the true positions.</summary>
    public Tensor forward(Tensor x, Tensor? mask)
    {
        using var scope = torch.NewDisposeScope();
        Tensor mean, variance;
        if (training)
        {
            var flat = x.reshape(-1, Channels);
            Tensor? count = null;
            if (mask is null)
            {
                mean = flat.mean(new long[] { 0 });
                variance = (flat - mean).pow(Scalars.TwoInteger).mean(new long[] { 0 });
            }
            else
            {
                // Masked sums as [1, N] x [N, C] products: one read of the block instead of a weighted copy and a sum.
                var weight = mask.reshape(1, -1).to_type(x.dtype);
                count = weight.sum();
                var safeCount = count.clamp_min(Scalars.One);
                mean = weight.mm(flat).squeeze(0) / safeCount;
                variance = weight.mm((flat - mean).pow(Scalars.TwoInteger)).squeeze(0) / safeCount;
            }
            UpdateRunningStatistics(mean, variance, count, flat.shape[0]);
        }
        else
        {
            mean = running_mean;
            variance = running_var;
        }
        // p = sigmoid((x - mean) / sqrt(var + eps)) and x * (p + (1 - p) * alpha) = x * (alpha + p * (1 - alpha)),
        // written with per-channel scale/shift and addcmul: four passes over the block instead of eight (the
        // activations of DIN's attention unit are [B, L, C] blocks, and memory traffic is what they cost).
        using var eps = Eps.ToScalar();
        var scale = variance.add(eps, Scalars.OneInteger).rsqrt();
        var p = torch.addcmul(-mean * scale, x, scale, Scalars.One).sigmoid_();
        var output = x * torch.addcmul(alpha, p, Scalars.One - alpha, Scalars.One);
        return output.MoveToOuterDisposeScope();
    }

    // count: the number of real rows when masked; null when all rows count.
    private void UpdateRunningStatistics(Tensor mean, Tensor variance, Tensor? count, long rows)
    {
        using var noGrad = torch.no_grad();
        // BatchNorm convention: the running variance is unbiased, n/(n-1). Fewer than 2 real rows have no unbiased
        // variance (and 0 rows no mean): such a batch (every history of it empty) leaves the running statistics as
        // they are instead of pulling them towards 0, which would sharpen eval-mode Dice into a step.
        using var momentumScalar = Momentum.ToScalar();
        if (count is null)
        {
            if (rows < 2) return;
            using var keep = (1 - Momentum).ToScalar();
            using var correction = (rows / (rows - 1.0)).ToScalar();
            running_mean.mul_(keep).add_(mean.detach(), momentumScalar);
            running_var.mul_(keep).add_(variance.detach().mul(correction), momentumScalar);
            return;
        }
        // On the device, without reading count back: the momentum is 0 when count < 2.
        var momentum = count.ge(Scalars.Two).to_type(mean.dtype).mul(momentumScalar);
        var unbiased = variance.detach() * (count / count.sub(Scalars.One).clamp_min(Scalars.One));
        running_mean.add_((mean.detach() - running_mean) * momentum, Scalars.OneInteger);
        running_var.add_((unbiased - running_var) * momentum, Scalars.OneInteger);
    }
}
