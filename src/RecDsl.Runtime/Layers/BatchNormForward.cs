using RecDsl.Backend;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// TorchSharp's <c>BatchNorm.forward</c>, operation for operation, except for the one number it passes as an implicit
/// Scalar: in training it counts the batch with <c>num_batches_tracked.add_(1)</c>, a native Scalar left to the
/// finalizer that a garbage collection on another thread can free during the call (see <see cref="Scalars"/>; the
/// same race killed a training run in CI). <see cref="Mlp"/> runs its BatchNorm1d layers through this; the module
/// stays TorchSharp's, so state_dict keys, checkpoints and the exporters see the same weights and buffers.
/// </summary>
internal static class BatchNormForward
{
    /// <summary>Normalises <paramref name="x"/> ([N, C] or [N, C, L]) as <c>norm.call(x)</c> would.</summary>
    public static Tensor Run(BatchNorm1d norm, Tensor x)
    {
        if (x.dim() is not (2 or 3))
            throw new ArgumentException($"BatchNorm1d expects a 2D or 3D input, got {x.dim()}D.", nameof(x));
        double factor = norm.momentum ?? 0;
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } batches)
        {
            batches.add_(Scalars.OneInteger, Scalars.OneInteger);
            // No momentum means a cumulative average; Mlp's layers have the default 0.1, so the counter is read back
            // (a host sync) only for a module built otherwise.
            factor = norm.momentum ?? 1.0 / batches.item<long>();
        }
        bool useBatchStatistics = norm.training || (norm.running_mean is null && norm.running_var is null);
        bool passRunning = !norm.training || norm.track_running_stats;
        return nn.functional.batch_norm(x, passRunning ? norm.running_mean : null, passRunning ? norm.running_var : null,
            norm.weight, norm.bias, useBatchStatistics, factor, norm.eps);
    }
}
