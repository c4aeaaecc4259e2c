using RecDsl.Backend;

namespace RecDsl.Export.Tests;

/// <summary>Loads the backend once per test assembly with one intra-op thread: the machine has two shared cores,
/// and more torch threads than free cores makes small ops much slower.</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
