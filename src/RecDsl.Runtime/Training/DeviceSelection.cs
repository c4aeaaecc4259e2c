using System.Globalization;
using RecDsl.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>Turns a device name into a torch device, refusing CUDA that is not there instead of falling back.</summary>
public static class DeviceSelection
{
    /// <summary>Resolves "cpu", "cuda" (= "cuda:0") or "cuda:N".</summary>
    /// <exception cref="ArgumentException">The name is none of those forms.</exception>
    /// <exception cref="RecDslBackendException">CUDA was asked for but is not available, or the index is out of range.</exception>
    public static Device Resolve(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        TorchBackend.EnsureLoaded();
        var name = device.Trim().ToLowerInvariant();
        if (name == "cpu") return CPU;

        int index;
        if (name == "cuda") index = 0;
        else if (!(name.StartsWith("cuda:", StringComparison.Ordinal)
                   && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index)))
            throw new ArgumentException($"Unknown device '{device}'. Use \"cpu\", \"cuda\" or \"cuda:N\".", nameof(device));

        if (!cuda.is_available())
        {
            throw new RecDslBackendException(
                $"Device '{device}' was requested, but CUDA is not available, so RecDsl will not train there (it never falls back to the CPU silently). " +
                "Looked for: a CUDA build of libtorch (libtorch_cuda.so) that TorchSharp can load, from the TorchSharp-cuda-linux package " +
                $"or a PyTorch install's torch/lib on LD_LIBRARY_PATH (currently {Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "unset"}), " +
                "and a visible GPU; torch.cuda.is_available() returned false. Install one of those (docs/gpu.md) or pass device \"cpu\".");
        }
        int count = cuda.device_count();
        if (index >= count)
            throw new RecDslBackendException($"Device '{device}' was requested, but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1}).");
        return new Device(DeviceType.CUDA, index);
    }
}
