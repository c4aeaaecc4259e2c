using RecDsl.Backend;

namespace RecDsl.GpuCheck.Tests;

/// <summary>Loads the backend once with one intra-op thread (the test machine has two shared cores; more threads than
/// free cores makes small torch ops 15-300x slower).</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
