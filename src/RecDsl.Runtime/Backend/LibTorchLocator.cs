namespace RecDsl.Backend;

/// <summary>What <see cref="LibTorchLocator.Plan"/> looks at; <see cref="FromProcess"/> reads the real values.</summary>
/// <param name="ApplicationFolders">Where TorchSharp's load by name looks first: the runtime's native search
/// directories, the application folder and TorchSharp.dll's folder.</param>
/// <param name="TorchLibVariable">The value of <see cref="TorchBackend.TorchLibVariable"/>, or null.</param>
/// <param name="LdLibraryPath">The value of <c>LD_LIBRARY_PATH</c>, or null.</param>
/// <param name="FindPythonTorch">Asks python3 for PyTorch's <c>torch/lib</c>; called only as the last resort.</param>
internal sealed record LibTorchSearch(IReadOnlyList<string> ApplicationFolders, string? TorchLibVariable, string? LdLibraryPath,
    Func<PythonTorchResult> FindPythonTorch)
{
    /// <summary>The search of this process.</summary>
    public static LibTorchSearch FromProcess()
    {
        var folders = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
            folders.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        folders.Add(AppContext.BaseDirectory);
        var torchSharp = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchSharp)) folders.Add(torchSharp);
        return new LibTorchSearch(
            folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct().ToArray(),
            Environment.GetEnvironmentVariable(TorchBackend.TorchLibVariable),
            Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"),
            PythonTorchProbe.Find);
    }
}

/// <summary>
/// Decides where libtorch comes from before anything is loaded, by file names only. Order:
/// <list type="number">
/// <item><see cref="TorchBackend.TorchLibVariable"/> when set: an explicit choice, so it must hold libtorch and the
/// application must not also carry one (two libtorch builds in one process abort).</item>
/// <item>A libtorch next to the application (the CPU package, or TorchSharp's CUDA package).</item>
/// <item>A folder on <c>LD_LIBRARY_PATH</c> that holds libtorch.</item>
/// <item>The PyTorch that <c>python3</c> imports (only here: it costs a process and an import).</item>
/// </list>
/// </summary>
internal static class LibTorchLocator
{
    /// <summary>The plan for <paramref name="search"/>.</summary>
    /// <exception cref="RecDslBackendException"><see cref="TorchBackend.TorchLibVariable"/> names a folder without
    /// libtorch, or one that cannot be used because the application carries its own libtorch.</exception>
    public static LibTorchPlan Plan(LibTorchSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var notes = new List<string>();
        var appFolder = search.ApplicationFolders.FirstOrDefault(LibTorchFolder.HasLibTorch);
        notes.Add(appFolder is null
            ? $"no {LibTorchFolder.Cpu} next to the application ({string.Join(", ", search.ApplicationFolders)})"
            : $"{LibTorchFolder.Cpu} next to the application in {appFolder} ({(LibTorchFolder.HasCuda(appFolder) ? "with" : "without")} {LibTorchFolder.Cuda})");

        if (!string.IsNullOrWhiteSpace(search.TorchLibVariable))
            return FromVariable(search.TorchLibVariable.Trim(), appFolder, notes);
        notes.Add($"{TorchBackend.TorchLibVariable} is not set");

        if (appFolder is not null)
            return new LibTorchPlan(LibTorchSource.ApplicationFolder, appFolder, Array.Empty<string>(), notes);

        var ldFolder = (search.LdLibraryPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(LibTorchFolder.HasLibTorch);
        notes.Add(ldFolder is null
            ? $"no {LibTorchFolder.Cpu} on LD_LIBRARY_PATH ({search.LdLibraryPath ?? "unset"})"
            : $"{LibTorchFolder.Cpu} on LD_LIBRARY_PATH in {ldFolder} ({(LibTorchFolder.HasCuda(ldFolder) ? "with" : "without")} {LibTorchFolder.Cuda})");
        if (ldFolder is not null)
            return new LibTorchPlan(LibTorchSource.LdLibraryPath, ldFolder, Array.Empty<string>(), notes);

        var python = search.FindPythonTorch();
        notes.Add($"python3: {python.Note}");
        if (python.Folder is not null)
        {
            var missing = LibTorchFolder.Missing(python.Folder);
            if (missing.Count == 0)
                return new LibTorchPlan(LibTorchSource.PythonInstall, python.Folder, LibTorchFolder.PreloadOrder(python.Folder), notes);
            notes.Add($"{python.Folder} lacks {string.Join(", ", missing)}");
        }
        return new LibTorchPlan(LibTorchSource.NotFound, null, Array.Empty<string>(), notes);
    }

    private static LibTorchPlan FromVariable(string folder, string? appFolder, List<string> notes)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
            throw new RecDslBackendException($"{TorchBackend.TorchLibVariable}='{folder}' is not a folder. It must name PyTorch's torch/lib " +
                "(python3 -c \"import torch, os; print(os.path.dirname(torch.__file__))\" prints torch's folder; add /lib).");
        var missing = LibTorchFolder.Missing(full);
        if (missing.Count > 0)
            throw new RecDslBackendException($"{TorchBackend.TorchLibVariable}='{folder}' has no {string.Join(", ", missing)}. It must name PyTorch's torch/lib " +
                "(python3 -c \"import torch, os; print(os.path.dirname(torch.__file__))\" prints torch's folder; add /lib).");
        // TorchSharp loads the application's copy by its full path whatever was loaded before, and two libtorch builds
        // in one process register their operators twice and abort; refuse instead, with the way out.
        if (appFolder is not null && !SameFolder(appFolder, full))
            throw new RecDslBackendException($"{TorchBackend.TorchLibVariable}='{folder}' asks for that libtorch, but the application also carries one " +
                $"({Path.Combine(appFolder, LibTorchFolder.Cpu)}), which TorchSharp would load too: two libtorch builds in one process abort. " +
                "Build the application without the CPU libtorch (PackageReference libtorch-cpu-linux-x64 with ExcludeAssets=\"all\"; docs/gpu.md), " +
                $"or unset {TorchBackend.TorchLibVariable} to use the application's own.");
        notes.Add($"{TorchBackend.TorchLibVariable}={full} ({(LibTorchFolder.HasCuda(full) ? "with" : "without")} {LibTorchFolder.Cuda})");
        return new LibTorchPlan(LibTorchSource.TorchLibVariable, full, LibTorchFolder.PreloadOrder(full), notes);
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
