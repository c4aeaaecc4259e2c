using RecDsl.Backend;
using TorchSharp;

namespace RecDsl.Tests.Backend;

public class TorchBackendTests
{
    [Fact]
    public void Backend_loads_and_computes()
    {
        Assert.True(TorchBackend.IsLoaded);
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        using var b = (a * a).sum();
        Assert.Equal(14f, b.item<float>());
    }

    [Fact]
    public void Thread_count_is_set_deliberately()
    {
        Assert.Equal(1, TorchBackend.Threads);
        Assert.Equal(1, torch.get_num_threads());
    }

    [Fact]
    public void The_plan_says_where_libtorch_came_from_and_the_trace_keeps_one_fix_line_per_copy()
    {
        var plan = TorchBackend.Plan;
        Assert.NotNull(plan);
        // This test assembly carries the CPU package's libtorch: TorchSharp loads it, nothing is preloaded.
        Assert.Equal(LibTorchSource.ApplicationFolder, plan.Source);
        Assert.False(plan.IsCudaBuild);
        Assert.Empty(plan.Preload);
        Assert.Contains(MappedLibraries.Named("libtorch_cpu.so"), p => Path.GetDirectoryName(p) == plan.Folder);
        Assert.Contains(plan.Notes, n => n.StartsWith("libtorch_cpu.so next to the application in ", StringComparison.Ordinal));

        // LoadTrace is the native fix's result per copy of libLibTorchSharp.so (consumers read it that way).
        Assert.NotEmpty(TorchBackend.LoadTrace);
        Assert.All(TorchBackend.LoadTrace, l => Assert.Contains("libLibTorchSharp.so: ", l));
    }
}
