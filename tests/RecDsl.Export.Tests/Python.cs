using System.Diagnostics;

namespace RecDsl.Export.Tests;

/// <summary>Finds and runs a Python interpreter: <c>RECDSL_PYTHON</c> if set, else <c>python3</c> on the PATH, else
/// /usr/bin/python3. <see cref="WithTorch"/> is the first of them that imports torch (none in CI).</summary>
internal static class Python
{
    private static readonly Lazy<string?> Any = new(() => Candidates().FirstOrDefault(p => Run(p, "-c \"import ast\"", 30).ExitCode == 0));
    private static readonly Lazy<string?> Torch = new(() => Candidates().FirstOrDefault(p => Run(p, "-c \"import torch\"", 120).ExitCode == 0));

    /// <summary>A Python 3 interpreter, or null.</summary>
    public static string? Interpreter => Any.Value;

    /// <summary>A Python 3 interpreter with torch, or null.</summary>
    public static string? WithTorch => Torch.Value;

    public static (int ExitCode, string Output) Run(string python, string arguments, int timeoutSeconds, string? workingDirectory = null)
    {
        try
        {
            var info = new ProcessStartInfo(python, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            // One thread, as the tests' own torch: the machine's cores are shared.
            info.Environment["OMP_NUM_THREADS"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"timed out after {timeoutSeconds} s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable("RECDSL_PYTHON");
        if (!string.IsNullOrEmpty(configured)) yield return configured;
        yield return "python3";
        if (File.Exists("/usr/bin/python3")) yield return "/usr/bin/python3";
    }
}

/// <summary>A fact that is skipped, with the reason, when no Python 3 interpreter is found.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python.Interpreter is null) Skip = "python3 not found (set RECDSL_PYTHON): the generated module's syntax is not checked.";
    }
}

/// <summary>A theory that is skipped, with the reason, when no Python with torch is found.</summary>
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (Python.WithTorch is null)
            Skip = "no Python with torch (set RECDSL_PYTHON): run the round trip where PyTorch is installed, see docs/serving.md.";
    }
}
