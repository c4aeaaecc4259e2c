using RecDsl.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>Global-norm gradient clipping computed entirely on the device. TorchSharp's
/// <c>clip_grad_norm_</c> returns the norm as a double, which forces a device sync on every step.</summary>
internal static class GradientClipping
{
    /// <summary>Scales every gradient by <c>min(1, maxNorm / (norm + 1e-6))</c>, where norm is the L2 norm of all
    /// gradients together (PyTorch's rule). Returns the norm before clipping (a 0-d tensor the caller disposes),
    /// or null when no parameter has a gradient.</summary>
    public static Tensor? ClipByNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var grads = new List<Tensor>();
        foreach (var p in parameters)
        {
            var g = p.grad; // a new wrapper per access; the scope disposes it
            if (g is not null) grads.Add(g);
        }
        if (grads.Count == 0) return null;

        // A sparse gradient may list a row several times (uncoalesced; TorchSharp has no coalesce): the norm is that of
        // the summed rows, i.e. of the dense gradient, without materialising the whole table.
        var norms = grads.Select(g => g.is_sparse ? SparseRowGradient.SumDuplicates(g).Values.norm() : g.norm()).ToArray();
        var total = stack(norms).norm();
        using Scalar max = maxNorm.ToScalar(), epsilon = 1e-6.ToScalar();
        var scale = (max / total.add(epsilon, Scalars.OneInteger)).clamp_max(Scalars.One);
        foreach (var g in grads) g.mul_(scale);
        return total.MoveToOuterDisposeScope();
    }
}
