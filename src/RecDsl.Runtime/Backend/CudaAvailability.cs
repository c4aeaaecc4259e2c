using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Backend;

/// <summary>
/// Initialises CUDA when it can be done safely and otherwise says why not. TorchSharp alone reports only
/// "not available" when libtorch_cuda.so fails to load (TorchSharp issue #1545); this class finds the reason.
/// </summary>
internal static class CudaAvailability
{
    /// <summary>Null when CUDA works in this process, else the reason it does not (one sentence).</summary>
    public static string? Initialize()
    {
        TorchBackend.EnsureLoaded();
        var cpu = MappedLibraries.Named(LibTorchFolder.Cpu);
        if (MappedLibraries.Named(LibTorchFolder.Cuda).Count == 0 && cpu.Count > 0)
        {
            var folder = Path.GetDirectoryName(cpu[0])!;
            // A libtorch_cuda.so from any other folder would bind to this libtorch_cpu.so (same soname): two builds
            // mixed in one process. So CUDA can only come from the folder the CPU part came from.
            if (!LibTorchFolder.HasCuda(folder))
                return $"the libtorch this process loaded ({cpu[0]}) is a CPU-only build: its folder has no {LibTorchFolder.Cuda}, " +
                    "and CUDA cannot be added from another folder once a libtorch is loaded";
            // Load it by full path here, so that a failure comes with the loader's reason instead of TorchSharp's silence.
            NativePreload.Load(LibTorchFolder.PreloadOrder(folder).Where(p => Path.GetFileName(p).Contains("_cuda", StringComparison.Ordinal)).ToArray());
        }

        bool available;
        try
        {
            available = torch.TryInitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception e)
        {
            return $"TorchSharp could not initialise CUDA: {e.GetBaseException().Message}";
        }
        if (available) return null;
        if (NativePreload.CudaLoadError is { } error) return $"{LibTorchFolder.Cuda} could not be loaded: {error}";
        var loaded = MappedLibraries.Named(LibTorchFolder.Cuda);
        if (loaded.Count == 0) return $"no {LibTorchFolder.Cuda} could be loaded";
        return $"{loaded[0]} is loaded but torch.cuda.is_available() is false with {DeviceCount()} CUDA device(s) visible: " +
            "no GPU, CUDA_VISIBLE_DEVICES hides it, or the NVIDIA driver is missing or too old for this CUDA build (nvidia-smi checks the driver)";
    }

    /// <summary>torch.cuda.device_count(), or 0 when even asking fails.</summary>
    public static int DeviceCount()
    {
        try
        {
            return cuda.device_count();
        }
        catch (Exception)
        {
            // Diagnostics only: a backend that cannot count devices has none to offer.
            return 0;
        }
    }

    /// <summary>What was looked for, one line each: the load plan's notes (application folders, RECDSL_TORCH_LIB,
    /// LD_LIBRARY_PATH and python3 as far as the search went), the environment and the libraries loaded.</summary>
    public static IReadOnlyList<string> Diagnosis()
    {
        var lines = new List<string>();
        lines.AddRange(TorchBackend.Plan?.Notes ?? Array.Empty<string>());
        lines.Add($"LD_LIBRARY_PATH={Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "(unset)"}");
        lines.Add($"CUDA_VISIBLE_DEVICES={Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") ?? "(unset)"}");
        var mapped = MappedLibraries.LibTorch();
        lines.Add(mapped.Count == 0 ? "loaded libtorch libraries: (unknown)" : "loaded libtorch libraries: " + string.Join(", ", mapped));
        lines.Add($"CUDA device count: {DeviceCount()}");
        return lines;
    }
}
