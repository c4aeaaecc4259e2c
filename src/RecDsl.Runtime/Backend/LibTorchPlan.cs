namespace RecDsl.Backend;

/// <summary>Where the libtorch that TorchSharp will use comes from.</summary>
public enum LibTorchSource
{
    /// <summary>Next to the application (a libtorch NuGet package: the CPU one, or TorchSharp's CUDA one).
    /// TorchSharp loads it by itself.</summary>
    ApplicationFolder,
    /// <summary>The folder named by <see cref="TorchBackend.TorchLibVariable"/>; RecDsl preloads it.</summary>
    TorchLibVariable,
    /// <summary>A folder on <c>LD_LIBRARY_PATH</c>; the loader finds it by name.</summary>
    LdLibraryPath,
    /// <summary>The <c>torch/lib</c> folder of the PyTorch that <c>python3</c> imports; RecDsl preloads it.</summary>
    PythonInstall,
    /// <summary>None of the above; TorchSharp's own fallbacks get the last word.</summary>
    NotFound,
}

/// <summary>The decision of <see cref="LibTorchLocator"/>: which libtorch folder to use and which of its files to
/// load before TorchSharp's own load.</summary>
/// <param name="Source">Where the folder was found.</param>
/// <param name="Folder">The folder, or null when none was found.</param>
/// <param name="Preload">Full paths to load, in order, before TorchSharp loads anything (empty when TorchSharp
/// finds the libraries by itself).</param>
/// <param name="Notes">What was looked at and why it was or was not used, one line each, for error messages.</param>
public sealed record LibTorchPlan(LibTorchSource Source, string? Folder, IReadOnlyList<string> Preload, IReadOnlyList<string> Notes)
{
    /// <summary>True when the chosen folder holds libtorch_cuda.so.</summary>
    public bool IsCudaBuild => Folder is not null && LibTorchFolder.HasCuda(Folder);
}
