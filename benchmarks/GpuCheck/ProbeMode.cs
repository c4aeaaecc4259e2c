using RecDsl.Backend;
using RecDsl.GpuCheck.Sections;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck;

/// <summary>
/// <c>GpuCheck --probe DEVICE</c>: resolves the device the way users do, runs one matmul there and prints where
/// libtorch came from. tools/gpu-check.sh runs it under different environments (RECDSL_TORCH_LIB only, python3
/// discovery only, no visible GPU, an index out of range) to check backend discovery and its error messages.
/// Exit code 0 = the device works, 3 = RecDsl refused it (the message is printed).
/// </summary>
internal static class ProbeMode
{
    public static int Run(IReadOnlyList<string> args, Report report)
    {
        if (args.Count != 2) throw new ArgumentException(CheckSettings.Usage);
        try
        {
            var device = DeviceSelection.Resolve(args[1]);
            BackendSection.Print(report);
            using var x = ones(256, 256, device: device);
            using var y = x.mm(x).sum();
            double value = y.item<float>();
            report.Check("probe", value == 256.0 * 256 * 256, $"device={BackendSection.Name(device)} source={TorchBackend.Plan?.Source} mm_sum={Report.F(value, "F0")}");
            return report.Failures.Count == 0 ? 0 : 1;
        }
        catch (RecDslBackendException e)
        {
            BackendSection.Print(report);
            report.Line("PROBE", "refused", e.Message);
            return 3;
        }
    }
}
