using RecDsl.Backend;

namespace RecDsl.Tests.Backend;

/// <summary>The libtorch search on fake folders of empty files: path logic only, nothing is loaded.</summary>
public sealed class LibTorchLocatorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "recdsl-locator-" + Guid.NewGuid().ToString("N"));
    private int pythonCalls;

    public LibTorchLocatorTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name, params string[] files)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        foreach (var f in files) File.WriteAllBytes(Path.Combine(dir, f), Array.Empty<byte>());
        return dir;
    }

    private string CpuLibTorch(string name) => Folder(name, "libc10.so", "libtorch_cpu.so", "libtorch.so", "libgomp-98b21ff3.so.1");

    private string CudaLibTorch(string name) =>
        Folder(name, "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so", "libtorch_python.so");

    private LibTorchSearch Search(IReadOnlyList<string> app, string? variable = null, string? ld = null, PythonTorchResult? python = null) =>
        new(app, variable, ld, () =>
        {
            pythonCalls++;
            return python ?? new PythonTorchResult(null, "python3 cannot import torch: No module named 'torch'");
        });

    [Fact]
    public void The_application_folder_wins_and_nothing_is_preloaded()
    {
        var app = CpuLibTorch("app");
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("bin"), app }, ld: CudaLibTorch("ld")));

        Assert.Equal(LibTorchSource.ApplicationFolder, plan.Source);
        Assert.Equal(app, plan.Folder);
        Assert.Empty(plan.Preload);
        Assert.False(plan.IsCudaBuild);
        Assert.Equal(0, pythonCalls);
        Assert.Contains(plan.Notes, n => n.Contains($"libtorch_cpu.so next to the application in {app} (without libtorch_cuda.so)"));
    }

    [Fact]
    public void TorchSharps_cuda_package_next_to_the_application_is_a_cuda_build()
    {
        var app = CudaLibTorch("app");
        var plan = LibTorchLocator.Plan(Search(new[] { app }));

        Assert.Equal(LibTorchSource.ApplicationFolder, plan.Source);
        Assert.True(plan.IsCudaBuild);
        Assert.Empty(plan.Preload);
    }

    [Fact]
    public void The_variable_preloads_c10_cpu_cuda_then_libtorch_from_its_folder()
    {
        var torchLib = CudaLibTorch("torch/lib");
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app", "libLibTorchSharp.so") }, variable: torchLib + "/", ld: CpuLibTorch("ld")));

        Assert.Equal(LibTorchSource.TorchLibVariable, plan.Source);
        Assert.Equal(torchLib, plan.Folder);
        Assert.True(plan.IsCudaBuild);
        Assert.Equal(new[] { "libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so" },
            plan.Preload.Select(Path.GetFileName));
        Assert.All(plan.Preload, p => Assert.Equal(torchLib, Path.GetDirectoryName(p)));
        Assert.Equal(0, pythonCalls);
    }

    [Fact]
    public void A_cpu_only_folder_from_the_variable_preloads_no_cuda_library()
    {
        var torchLib = CpuLibTorch("cpu-torch");
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app") }, variable: torchLib));

        Assert.Equal(new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }, plan.Preload.Select(Path.GetFileName));
        Assert.False(plan.IsCudaBuild);
    }

    [Fact]
    public void The_variable_next_to_an_application_libtorch_is_refused_before_two_builds_meet()
    {
        var app = CpuLibTorch("app");
        var e = Assert.Throws<RecDslBackendException>(() => LibTorchLocator.Plan(Search(new[] { app }, variable: CudaLibTorch("torch/lib"))));

        Assert.Contains("the application also carries one", e.Message);
        Assert.Contains(Path.Combine(app, "libtorch_cpu.so"), e.Message);
        Assert.Contains("ExcludeAssets", e.Message);
    }

    [Fact]
    public void The_variable_naming_the_application_folder_itself_is_fine()
    {
        var app = CudaLibTorch("app");
        var plan = LibTorchLocator.Plan(Search(new[] { app }, variable: app));
        Assert.Equal(LibTorchSource.TorchLibVariable, plan.Source);
    }

    [Fact]
    public void A_variable_without_libtorch_names_what_is_missing()
    {
        var half = Folder("half", "libc10.so");
        var e = Assert.Throws<RecDslBackendException>(() => LibTorchLocator.Plan(Search(new[] { Folder("app") }, variable: half)));
        Assert.Contains($"{TorchBackend.TorchLibVariable}='{half}' has no libtorch_cpu.so, libtorch.so", e.Message);
        Assert.Contains("torch/lib", e.Message);

        var missing = Path.Combine(root, "nowhere");
        e = Assert.Throws<RecDslBackendException>(() => LibTorchLocator.Plan(Search(new[] { Folder("app") }, variable: missing)));
        Assert.Contains("is not a folder", e.Message);
    }

    [Fact]
    public void A_blank_variable_counts_as_unset()
    {
        var app = CpuLibTorch("app");
        Assert.Equal(LibTorchSource.ApplicationFolder, LibTorchLocator.Plan(Search(new[] { app }, variable: "  ")).Source);
    }

    [Fact]
    public void LD_LIBRARY_PATH_is_used_by_name_without_preloading()
    {
        var ld = CudaLibTorch("ld");
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app", "libLibTorchSharp.so") }, ld: $"{Folder("other")}:{ld}"));

        Assert.Equal(LibTorchSource.LdLibraryPath, plan.Source);
        Assert.Equal(ld, plan.Folder);
        Assert.Empty(plan.Preload);
        Assert.Equal(0, pythonCalls);
    }

    [Fact]
    public void Python_is_asked_only_when_nothing_else_has_libtorch_and_its_folder_is_preloaded()
    {
        var torchLib = CudaLibTorch("site-packages/torch/lib");
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app") }, ld: Folder("empty"),
            python: new PythonTorchResult(torchLib, "python3 imports torch from site-packages/torch")));

        Assert.Equal(1, pythonCalls);
        Assert.Equal(LibTorchSource.PythonInstall, plan.Source);
        Assert.Equal(torchLib, plan.Folder);
        Assert.Equal(5, plan.Preload.Count);
        Assert.Contains("python3: python3 imports torch from site-packages/torch", plan.Notes);
    }

    [Fact]
    public void Nothing_found_keeps_every_reason_for_the_error_message()
    {
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app") }));

        Assert.Equal(LibTorchSource.NotFound, plan.Source);
        Assert.Null(plan.Folder);
        Assert.Empty(plan.Preload);
        Assert.Equal(1, pythonCalls);
        Assert.Contains(plan.Notes, n => n.StartsWith("no libtorch_cpu.so next to the application", StringComparison.Ordinal));
        Assert.Contains($"{TorchBackend.TorchLibVariable} is not set", plan.Notes);
        Assert.Contains("no libtorch_cpu.so on LD_LIBRARY_PATH (unset)", plan.Notes);
        Assert.Contains("python3: python3 cannot import torch: No module named 'torch'", plan.Notes);
    }

    [Fact]
    public void A_python_folder_without_libtorch_is_not_used()
    {
        var plan = LibTorchLocator.Plan(Search(new[] { Folder("app") }, python: new PythonTorchResult(Folder("broken", "libc10.so"), "found")));
        Assert.Equal(LibTorchSource.NotFound, plan.Source);
        Assert.Contains(plan.Notes, n => n.EndsWith("lacks libtorch_cpu.so, libtorch.so", StringComparison.Ordinal));
    }

    [Fact]
    public void The_python_probe_reports_a_missing_interpreter_instead_of_throwing()
    {
        var result = PythonTorchProbe.Find("recdsl-no-such-python", TimeSpan.FromSeconds(5));
        Assert.Null(result.Folder);
        Assert.Contains("recdsl-no-such-python could not be started", result.Note);
    }

    // A stand-in for python3: a shell script that ignores its arguments.
    private string FakePython(string body)
    {
        var path = Path.Combine(root, "python-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void The_python_probe_takes_the_last_printed_line_plus_lib()
    {
        var torch = Folder("site/torch");
        Folder("site/torch/lib");
        var result = PythonTorchProbe.Find(FakePython($"echo 'a banner from sitecustomize'\necho '{torch}'"), TimeSpan.FromSeconds(10));
        Assert.Equal(Path.Combine(torch, "lib"), result.Folder);
        Assert.Contains($"imports torch from {torch}", result.Note);
    }

    [Fact]
    public void The_python_probe_reports_a_failed_import_with_its_last_error_line()
    {
        var result = PythonTorchProbe.Find(FakePython("echo 'Traceback' >&2\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1"), TimeSpan.FromSeconds(10));
        Assert.Null(result.Folder);
        Assert.EndsWith("cannot import torch: ModuleNotFoundError: No module named 'torch'", result.Note);
    }

    [Fact]
    public void The_python_probe_gives_up_after_its_timeout()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = PythonTorchProbe.Find(FakePython("sleep 30"), TimeSpan.FromMilliseconds(500));
        Assert.Null(result.Folder);
        Assert.Contains("did not answer within", result.Note);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
