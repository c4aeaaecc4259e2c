using RecDsl.Backend;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Tests.Training;

public class DeviceSelectionTests
{
    [Fact]
    public void Cpu_resolves_to_the_cpu()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve("cpu").type);
        Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve(" CPU ").type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:1")]
    public void Cuda_without_a_cuda_backend_is_an_error_that_says_what_was_looked_for(string device)
    {
        if (torch.cuda.is_available()) return; // only meaningful where CUDA is missing

        var e = Assert.Throws<RecDslBackendException>(() => DeviceSelection.Resolve(device));

        Assert.Contains($"Device '{device}' was requested, but CUDA is not available", e.Message);
        Assert.Contains("libtorch_cuda.so", e.Message);
        Assert.Contains("LD_LIBRARY_PATH", e.Message);
        Assert.Contains("never falls back to the CPU silently", e.Message);
    }

    [Fact]
    public void The_trainer_refuses_missing_cuda_instead_of_training_on_the_cpu()
    {
        if (torch.cuda.is_available()) return;
        using var train = PlantedData.Logistic(seed: 1, n: 50).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        Assert.Throws<RecDslBackendException>(() => new Trainer(network, new TrainerOptions { Device = "cuda" }).Fit(train));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Unknown_device_names_are_rejected(string device)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceSelection.Resolve(device));
        Assert.Contains("Use \"cpu\", \"cuda\" or \"cuda:N\"", e.Message);
    }
}
