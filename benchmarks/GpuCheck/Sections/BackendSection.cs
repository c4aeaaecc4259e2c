using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>Resolves the device first (so the load decides on libtorch with CUDA in mind, before any model exists),
/// turns TF32 off for parity, and prints where libtorch came from.</summary>
internal static class BackendSection
{
    public static Device Run(CheckSettings settings, Report report)
    {
        var device = DeviceSelection.Resolve(settings.Device);
        if (device.type == DeviceType.CUDA)
        {
            // TF32 rounds matmul inputs to 10 mantissa bits (about 1e-3 relative): parity at 1e-5 needs full fp32.
            // It is off for the whole run, so the throughput figures are fp32 figures too.
            try
            {
                torch.backends.cuda.matmul.allow_tf32 = false;
                torch.backends.cudnn.allow_tf32 = false;
            }
            catch (Exception e)
            {
                // PyTorch's default for matmul is already off; report and go on rather than lose the whole run.
                report.Check("tf32_off", false, $"setting the TF32 flags threw {e.GetType().Name}: {e.Message}");
            }
        }
        Print(report);
        report.Line("BACKEND", "device", $"device={Name(device)} cuda_devices={cuda.device_count()} " +
            $"cudnn={(device.type == DeviceType.CUDA && cuda.is_cudnn_available())} threads={TorchBackend.Threads}");
        report.Line("BACKEND", "tf32", $"matmul={torch.backends.cuda.matmul.allow_tf32} cudnn={torch.backends.cudnn.allow_tf32}");
        return device;
    }

    /// <summary>The load plan, the loader's trace and the libtorch files actually mapped.</summary>
    public static void Print(Report report)
    {
        var plan = TorchBackend.Plan;
        report.Line("BACKEND", "libtorch", $"source={plan?.Source.ToString() ?? "-"} folder={plan?.Folder ?? "-"} cuda_build={plan?.IsCudaBuild ?? false}");
        foreach (var note in plan?.Notes ?? Array.Empty<string>()) report.Line("TRACE", "search", note);
        foreach (var line in TorchBackend.LoadTrace) report.Line("TRACE", "load", line);
        foreach (var path in MappedLibraries.LibTorch()) report.Line("TRACE", "mapped", path);
    }

    /// <summary>"cpu" or "cuda:N".</summary>
    public static string Name(Device device) => device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
}
