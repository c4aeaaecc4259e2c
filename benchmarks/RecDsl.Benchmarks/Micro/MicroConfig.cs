using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RecDsl.Benchmarks.Micro;

/// <summary>Runs the micro benchmarks in this process: a separate BenchmarkDotNet build would copy libtorch (about
/// 500 MB) again for every benchmark, and this process already has the backend loaded with the right thread
/// count. Few iterations: each one of these is milliseconds to seconds, and the machine has two cores.</summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }
}
