using RecDsl.Backend;

namespace RecDsl.Tests;

/// <summary>Loads the backend once per test assembly with one intra-op thread: xunit runs test classes in
/// parallel, and more threads than free cores makes small torch ops 15-300x slower (measured).</summary>
internal static class TorchFixture
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => TorchBackend.EnsureLoaded(threads: 1);
}
