using System.Runtime.InteropServices;
using TorchSharp;

namespace RecDsl.Backend;

/// <summary>
/// Loads TorchSharp's native backend once, deliberately: decides which libtorch to use
/// (<see cref="LibTorchLocator"/>: <see cref="TorchLibVariable"/>, else next to the application, else LD_LIBRARY_PATH,
/// else the PyTorch that python3 imports) and preloads it when TorchSharp would not find it by itself, applies the
/// Debian 12 libstdc++ fix to the copy of libLibTorchSharp.so that will be loaded (a fallback for the build-time
/// fix), sets the thread count, and turns a load failure into an error that says what was tried and what to
/// install. Every RecDsl entry point that touches tensors calls <see cref="EnsureLoaded"/>.
/// </summary>
public static class TorchBackend
{
    /// <summary>Environment variable that sets the intra-op thread count (default: cores - 1, at least 1).</summary>
    public const string ThreadsVariable = "RECDSL_NUM_THREADS";

    /// <summary>Environment variable naming a libtorch folder to use, typically a PyTorch install's
    /// <c>torch/lib</c> (with CUDA). Its libraries are loaded before TorchSharp's own load (docs/gpu.md).</summary>
    public const string TorchLibVariable = "RECDSL_TORCH_LIB";

    private static readonly object Gate = new();
    private static volatile bool loaded;
    private static readonly List<string> Trace = new();

    /// <summary>True once the native backend has loaded.</summary>
    public static bool IsLoaded => loaded;

    /// <summary>The intra-op thread count RecDsl set.</summary>
    public static int Threads { get; private set; }

    /// <summary>Where libtorch came from; null until the first load attempt.</summary>
    public static LibTorchPlan? Plan { get; private set; }

    /// <summary>What the loader did, for diagnostics: the libstdc++ fix's result for each copy of libLibTorchSharp.so
    /// (<c>path: AlreadyFine</c>, ...) and each library RecDsl preloaded. Where libtorch was looked for is in
    /// <see cref="Plan"/>'s notes.</summary>
    public static IReadOnlyList<string> LoadTrace
    {
        get { lock (Gate) return Trace.ToArray(); }
    }

    /// <summary>Loads the backend if it is not loaded yet. Idempotent and thread-safe.</summary>
    /// <param name="threads">Intra-op threads; null takes <see cref="ThreadsVariable"/> or cores - 1.
    /// Oversubscribing cores is catastrophic for small recommendation ops (measured 15-300x slower).</param>
    /// <exception cref="RecDslBackendException">No backend could be loaded.</exception>
    public static void EnsureLoaded(int? threads = null)
    {
        if (loaded)
        {
            if (threads is { } t && t != Threads) SetThreads(t);
            return;
        }
        lock (Gate)
        {
            if (loaded) return;
            Trace.Clear();
            var search = LibTorchSearch.FromProcess();
            var plan = LibTorchLocator.Plan(search);
            Plan = plan;
            // Before TorchSharp's first load: afterwards it would already have loaded (or failed to find) its own.
            if (plan.Preload.Count > 0) Trace.AddRange(NativePreload.Load(plan.Preload));
            FixNativeLibraryCopies(search.ApplicationFolders);
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e)
            {
                throw new RecDslBackendException(DescribeFailure(e), e);
            }
            loaded = true;
            SetThreads(threads ?? DefaultThreads());
        }
    }

    /// <summary>Sets the intra-op thread count of libtorch.</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread.");
        torch.set_num_threads(threads);
        Threads = threads;
    }

    /// <summary>The thread count used when none is given: <see cref="ThreadsVariable"/>, else cores - 1 (at least 1).</summary>
    public static int DefaultThreads()
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (int.TryParse(text, out var n) && n >= 1) return n;
            throw new RecDslBackendException($"{ThreadsVariable}='{text}' is not a positive integer.");
        }
        return Math.Max(1, Environment.ProcessorCount - 1);
    }

    /// <summary>The places TorchSharp loads libLibTorchSharp.so from, in the order it tries them: each folder of the
    /// libtorch search (<see cref="LibTorchSearch.ApplicationFolders"/>) and its runtimes/linux-x64/native.</summary>
    internal static IEnumerable<string> NativeLibraryCandidates() => NativeLibraryCandidates(LibTorchSearch.FromProcess().ApplicationFolders);

    private static IEnumerable<string> NativeLibraryCandidates(IReadOnlyList<string> folders) =>
        folders.SelectMany(dir => new[]
        {
            Path.Combine(dir, "libLibTorchSharp.so"),
            Path.Combine(dir, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        }).Distinct();

    private static void FixNativeLibraryCopies(IReadOnlyList<string> folders)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        bool found = false;
        foreach (var path in NativeLibraryCandidates(folders))
        {
            if (!File.Exists(path)) continue;
            found = true;
            try
            {
                Trace.Add($"{path}: {GlibcxxWeakVersionPatch.Apply(path)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Trace.Add($"{path}: could not apply the libstdc++ fix ({e.Message})");
            }
        }
        if (!found) Trace.Add("no libLibTorchSharp.so next to the application or TorchSharp.dll");
    }

    private static string DescribeFailure(Exception e)
    {
        var lines = new List<string>
        {
            "RecDsl could not load the TorchSharp native backend (libtorch).",
            $"Error: {e.GetBaseException().Message}",
            "What was tried:",
        };
        lines.AddRange((Plan?.Notes ?? Array.Empty<string>()).Select(n => "  - " + n));
        lines.AddRange(Trace.Select(t => "  - " + t));
        lines.Add($"  - LD_LIBRARY_PATH={Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "(unset)"}");
        // What the loader actually picked up, e.g. a system libtorch of another version found by name.
        var mapped = MappedLibraries.LibTorch();
        if (mapped.Count > 0) lines.Add($"  - loaded: {string.Join(", ", mapped)}");
        lines.Add("What to install:");
        lines.Add("  - CPU on Linux x64: PackageReference TorchSharp 0.107.0 and libtorch-cpu-linux-x64 2.10.0 (the RecDsl package brings both).");
        lines.Add($"  - CUDA: TorchSharp's CUDA libtorch package, or a PyTorch install's torch/lib named by {TorchLibVariable} (docs/gpu.md).");
        lines.Add("  - On a libstdc++ older than GCC 13's, the build output must be writable so RecDsl can mark GLIBCXX_3.4.32 weak (docs/backend.md).");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The native backend could not be loaded or configured.</summary>
public sealed class RecDslBackendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecDslBackendException(string message, Exception? inner = null) : base(message, inner) { }
}
