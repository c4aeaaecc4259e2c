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
}
