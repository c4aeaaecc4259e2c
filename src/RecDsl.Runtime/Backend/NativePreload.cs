using System.Runtime.InteropServices;

namespace RecDsl.Backend;

/// <summary>
/// Loads a libtorch folder's libraries by full path before TorchSharp loads anything (the route of TorchSharp
/// issue #169 for a Python install). TorchSharp then asks for <c>torch_cpu</c>/<c>torch_cuda</c> by name; with no
/// copy next to the application the loader hands back these already loaded libraries (it matches their sonames),
/// and libLibTorchSharp.so's own dependencies resolve to them the same way.
/// </summary>
internal static class NativePreload
{
    /// <summary>Loads <paramref name="paths"/> in order and returns one line per file for the load trace. A CUDA
    /// library that fails is recorded (CUDA is then reported unavailable, with this reason); any other failure
    /// throws, because TorchSharp could not run without it.</summary>
    /// <exception cref="RecDslBackendException">A required library could not be loaded.</exception>
    public static IReadOnlyList<string> Load(IReadOnlyList<string> paths)
    {
        var lines = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                NativeLibrary.Load(path);
                lines.Add($"preloaded {path}");
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                lines.Add($"could not preload {path}: {e.Message}");
                if (!IsCudaLibrary(path))
                    throw new RecDslBackendException($"RecDsl could not load {path}: {e.Message}" + Environment.NewLine + string.Join(Environment.NewLine, lines));
                CudaLoadError ??= $"{path}: {e.Message}";
            }
        }
        return lines;
    }

    /// <summary>Why the last preload of a CUDA library failed, or null.</summary>
    public static string? CudaLoadError { get; private set; }

    private static bool IsCudaLibrary(string path) => Path.GetFileName(path).Contains("_cuda", StringComparison.Ordinal);
}
