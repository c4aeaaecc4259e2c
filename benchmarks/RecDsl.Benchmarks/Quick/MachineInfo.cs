using RecDsl.Backend;

namespace RecDsl.Benchmarks.Quick;

/// <summary>What docs/benchmarks.md records with every figure: cores, CPU model, libtorch threads, load.</summary>
public static class MachineInfo
{
    public static string CpuModel()
    {
        const string key = "model name";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1/5/15-minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static IEnumerable<string> Describe()
    {
        yield return $"MACHINE nproc={Environment.ProcessorCount} cpu=\"{CpuModel()}\" torch_threads={TorchBackend.Threads} " +
            $"dotnet={Environment.Version} load=\"{LoadAverage()}\"";
    }
}
