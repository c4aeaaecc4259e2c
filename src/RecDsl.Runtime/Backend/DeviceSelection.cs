using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Backend;

/// <summary>
/// The one place that turns a device name into a torch device, for the trainer (<c>TrainerOptions.Device</c>),
/// collators (<c>Collate(records, device)</c>) and models (<c>model.to(device)</c>). CUDA that is not there is an
/// error naming what was looked for, never a silent fallback to the CPU.
/// </summary>
/// <remarks>Resolve CUDA before creating models when libtorch should come from the PyTorch that python3 imports:
/// the first load decides which libtorch the process uses (docs/gpu.md).</remarks>
public static class DeviceSelection
{
    private const string Forms = "Use \"cpu\", \"cuda\" or \"cuda:N\" (N = 0, 1, ...).";

    /// <summary>Resolves "cpu", "cuda" (= "cuda:0") or "cuda:N" (case and surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">The name is none of those forms.</exception>
    /// <exception cref="RecDslBackendException">CUDA was asked for but is not available, or N is not a visible device.</exception>
    public static Device Resolve(string device)
    {
        var (type, index) = Parse(device);
        TorchBackend.EnsureLoaded();
        if (type == DeviceType.CPU) return CPU;

        var reason = CudaAvailability.Initialize();
        if (reason is not null) throw new RecDslBackendException(Unavailable(device, reason));
        int count = CudaAvailability.DeviceCount();
        if (index >= count)
            throw new RecDslBackendException($"Device '{device}' was requested, but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1}).");
        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>Parses a device name without loading anything: (CPU, -1) or (CUDA, N). Lets an application check
    /// a configured name at start-up, before any native code runs; whether CUDA is there is <see cref="Resolve"/>'s job.</summary>
    /// <exception cref="ArgumentException">The name is none of the accepted forms.</exception>
    public static (DeviceType Type, int Index) Parse(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return TryParse(device, out var parsed) ? parsed : throw new ArgumentException(Unknown(device), nameof(device));
    }

    internal static bool TryParse(string device, out (DeviceType Type, int Index) parsed)
    {
        var name = device.Trim().ToLowerInvariant();
        parsed = (DeviceType.CUDA, 0);
        if (name == "cuda") return true;
        if (name == "cpu")
        {
            parsed = (DeviceType.CPU, -1);
            return true;
        }
        if (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            parsed = (DeviceType.CUDA, index);
            return true;
        }
        return false;
    }

    internal static string Unknown(string device) => $"Unknown device '{device}'. {Forms}";

    private static string Unavailable(string device, string reason)
    {
        var lines = new List<string>
        {
            $"Device '{device}' was requested, but CUDA is not available, so RecDsl will not run there (it never falls back to the CPU silently).",
            $"Why: {reason}.",
            $"Looked for libtorch_cuda.so (and a visible GPU):",
        };
        lines.AddRange(CudaAvailability.Diagnosis().Select(l => "  - " + l));
        lines.Add("Fix: use TorchSharp's CUDA libtorch package instead of libtorch-cpu-linux-x64, or build the application without the CPU " +
            $"libtorch and set {TorchBackend.TorchLibVariable} to a CUDA PyTorch's torch/lib (docs/gpu.md); or pass device \"cpu\".");
        return string.Join(Environment.NewLine, lines);
    }
}
