using RecDsl.Models;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// CPU/GPU parity of the forward pass for identical weights: each trained model's state (parameters and buffers:
/// BatchNorm and Dice running statistics) is copied into a fresh CPU model of the same type; both run in eval mode
/// on the same validation rows. Error measure: max |device - cpu| / max |cpu| over all outputs (normwise, so logits
/// near zero do not inflate it); the bound is 1e-5 with TF32 off.
/// </summary>
internal static class ParitySection
{
    public const double Bound = 1e-5;

    public static void Run(IReadOnlyList<(ModelCase Case, RecNetwork Model)> trained, Device device, CheckSettings settings, Report report)
    {
        foreach (var (c, model) in trained) report.Guard($"parity_{c.Name}", () =>
        {
            using var twin = c.Create();
            using (no_grad())
            {
                var target = twin.state_dict();
                foreach (var (name, source) in model.state_dict()) target[name].copy_(source);
            }
            model.eval();
            twin.eval();
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var onDevice = c.CollateValidation(0, settings.ValidationRows, device);
            using var onCpu = c.CollateValidation(0, settings.ValidationRows, CPU);
            var fromDevice = model.call(onDevice).cpu().to(ScalarType.Float64);
            var fromCpu = twin.call(onCpu).to(ScalarType.Float64);
            var (relative, maxAbs, scale) = NormwiseError(fromCpu, fromDevice);
            report.Check($"parity_{c.Name}", relative <= Bound,
                $"max_rel_err={Report.F(relative, "E2")} max_abs_err={Report.F(maxAbs, "E2")} max_abs_output={Report.F(scale)} " +
                $"outputs=[{string.Join(",", fromCpu.shape)}] bound={Report.F(Bound, "E0")}");
        });
    }

    /// <summary>max |actual - reference| / max |reference| (the absolute error when the reference is all zeros),
    /// with its two parts. Normwise, so that outputs near zero do not inflate it.</summary>
    public static (double Relative, double MaxAbs, double Scale) NormwiseError(Tensor reference, Tensor actual)
    {
        double maxAbs = (actual - reference).abs().max().item<double>();
        double scale = reference.abs().max().item<double>();
        return (scale > 0 ? maxAbs / scale : maxAbs, maxAbs, scale);
    }
}
