using System.ComponentModel;
using System.Diagnostics;

namespace RecDsl.Backend;

/// <summary>The answer of <see cref="PythonTorchProbe"/>.</summary>
/// <param name="Folder">PyTorch's <c>torch/lib</c>, or null when python3 could not say.</param>
/// <param name="Note">What happened, for the load trace and error messages.</param>
internal sealed record PythonTorchResult(string? Folder, string Note);

/// <summary>
/// Asks <c>python3</c> where its PyTorch lives: <c>import torch, os; print(os.path.dirname(torch.__file__))</c>,
/// then <c>/lib</c>. Used only when no libtorch is next to the application, named by
/// <see cref="TorchBackend.TorchLibVariable"/> or on <c>LD_LIBRARY_PATH</c>, so CPU users never pay for it.
/// </summary>
internal static class PythonTorchProbe
{
    /// <summary>How long python3 may take: importing torch reads a few hundred MB of libraries from a cold disk.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private const string Script = "import torch, os; print(os.path.dirname(torch.__file__))";

    /// <summary>Runs the probe with <see cref="Timeout"/>; never throws.</summary>
    public static PythonTorchResult Find() => Find("python3", Timeout);

    /// <summary>Runs <paramref name="python"/> with the probe script; never throws.</summary>
    internal static PythonTorchResult Find(string python, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception e)
        {
            return new PythonTorchResult(null, $"{python} could not be started ({e.Message})");
        }
        using (process)
        {
            // Read both pipes asynchronously so that a chatty import cannot fill one and block the child.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
                return new PythonTorchResult(null, $"{python} -c \"{Script}\" did not answer within {timeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                return new PythonTorchResult(null, $"{python} cannot import torch: {LastLine(stderr.Result)}");
            var dir = LastLine(stdout.Result);
            var lib = Path.Combine(dir, "lib");
            return Directory.Exists(lib)
                ? new PythonTorchResult(lib, $"{python} imports torch from {dir}")
                : new PythonTorchResult(null, $"{python} imports torch from '{dir}', which has no lib folder");
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
}
