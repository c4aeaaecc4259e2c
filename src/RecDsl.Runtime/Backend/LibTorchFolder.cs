namespace RecDsl.Backend;

/// <summary>
/// What a folder holds of libtorch, judged by file names only (nothing is loaded). The names are those of
/// libtorch's Linux build, which both the libtorch NuGet packages and PyTorch's <c>torch/lib</c> use.
/// </summary>
internal static class LibTorchFolder
{
    /// <summary>The CUDA part of libtorch; its presence makes a folder a CUDA build.</summary>
    public const string Cuda = "libtorch_cuda.so";

    /// <summary>The CPU part of libtorch; every build has it.</summary>
    public const string Cpu = "libtorch_cpu.so";

    /// <summary>Files that make a folder a usable libtorch: what libLibTorchSharp.so links against.</summary>
    public static readonly IReadOnlyList<string> Required = new[] { "libc10.so", Cpu, "libtorch.so" };

    /// <summary>True when <paramref name="folder"/> exists and holds <see cref="Cpu"/>.</summary>
    public static bool HasLibTorch(string folder) => File.Exists(Path.Combine(folder, Cpu));

    /// <summary>True when <paramref name="folder"/> holds <see cref="Cuda"/>.</summary>
    public static bool HasCuda(string folder) => File.Exists(Path.Combine(folder, Cuda));

    /// <summary>The files of <see cref="Required"/> that <paramref name="folder"/> lacks.</summary>
    public static IReadOnlyList<string> Missing(string folder) =>
        Required.Where(name => !File.Exists(Path.Combine(folder, name))).ToArray();

    /// <summary>
    /// The files to load, in order, so that every later one finds its dependencies already loaded: c10, the CPU
    /// part, the CUDA part when the folder has it (c10_cuda first), then libtorch.so, which links all of them.
    /// </summary>
    public static IReadOnlyList<string> PreloadOrder(string folder)
    {
        var names = new List<string> { "libc10.so", Cpu };
        if (HasCuda(folder)) names.AddRange(new[] { "libc10_cuda.so", Cuda });
        names.Add("libtorch.so");
        return names.Select(name => Path.Combine(folder, name)).Where(File.Exists).ToArray();
    }
}
