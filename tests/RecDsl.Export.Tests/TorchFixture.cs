using RecDsl.Backend;

// One class at a time: the parity tests seed torch's global generator before building a network, and a class running
// beside them would draw from it in between (the assembly takes about 10 s either way).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RecDsl.Export.Tests;

/// <summary>Loads the backend once per test assembly with one intra-op thread: the machine has two shared cores,
/// and more torch threads than free cores makes small ops much slower.</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
