using System.Diagnostics;

namespace RecDsl.Benchmarks.Quick;

/// <summary>Wall time and this process's CPU time together. On a machine shared with other work the wall time
/// stretches with the load; the CPU time counts only what this process consumed (libtorch runs its ops on the
/// calling thread at one intra-op thread), so ratios of CPU times stay meaningful under load.</summary>
public sealed class CpuClock
{
    private readonly Stopwatch wall = new();
    private TimeSpan cpuStart;

    public void Restart()
    {
        cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        wall.Restart();
    }

    /// <summary>(wall seconds, CPU seconds) since <see cref="Restart"/>.</summary>
    public (double Wall, double Cpu) Read() =>
        (wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
}

/// <summary>Samples per second of wall time and of CPU time.</summary>
public readonly record struct Throughput(double PerWallSecond, double PerCpuSecond)
{
    public static Throughput Of(long samples, (double Wall, double Cpu) seconds) => new(samples / seconds.Wall, samples / seconds.Cpu);

    public static Throughput Max(Throughput a, Throughput b) =>
        new(Math.Max(a.PerWallSecond, b.PerWallSecond), Math.Max(a.PerCpuSecond, b.PerCpuSecond));
}
