using RecDsl.Backend;

namespace RecDsl.Quality.Tests;

/// <summary>Loads the backend once with one intra-op thread: xunit runs test classes in parallel, and more torch threads
/// than free cores makes small operations much slower.</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
