using RecDsl.Backend;

namespace RecDsl.Benchmarks.Tests;

/// <summary>Loads the backend once with one intra-op thread (two shared cores on the test machine).</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
