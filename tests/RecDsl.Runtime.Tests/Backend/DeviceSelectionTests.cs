using RecDsl.Backend;
using RecDsl.Tests.Training;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Tests.Backend;

public class DeviceSelectionTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData(" CPU ", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, 0)]
    [InlineData("CUDA:0", DeviceType.CUDA, 0)]
    [InlineData("cuda:3", DeviceType.CUDA, 3)]
    [InlineData("cuda:12", DeviceType.CUDA, 12)]
    public void Names_parse_without_loading_cuda(string name, DeviceType type, int index)
    {
        Assert.Equal((type, index), DeviceSelection.Parse(name));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("tpu")]
    [InlineData("")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:1.0")]
    [InlineData("cuda:99999999999")]
    [InlineData("cuda 0")]
    public void Unknown_device_names_are_rejected_before_anything_else(string device)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceSelection.Resolve(device));
        Assert.Contains($"Unknown device '{device}'", e.Message);
        Assert.Contains("Use \"cpu\", \"cuda\" or \"cuda:N\"", e.Message);
    }

    [Fact]
    public void A_misspelled_trainer_device_fails_when_the_trainer_is_created_and_an_unavailable_one_when_it_trains()
    {
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, new TrainerOptions { Device = "gpu0" }));

        Assert.Equal("Device", e.ParamName);
        Assert.StartsWith("Unknown device 'gpu0'. Use \"cpu\", \"cuda\" or \"cuda:N\"", e.Message);
        // Spelled right, CUDA is looked for only when training starts (this machine has none).
        var trainer = new Trainer(network, new TrainerOptions { Device = "cuda:1" });
        using var train = PlantedData.Logistic(seed: 1, n: 8).ToBatch();
        Assert.Throws<RecDslBackendException>(() => trainer.Fit(train));
    }

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
        Assert.Contains("never falls back to the CPU silently", e.Message);
        // Why: this machine's libtorch (the CPU package next to the test assembly) is a CPU-only build.
        Assert.Contains("is a CPU-only build: its folder has no libtorch_cuda.so", e.Message);
        // What was looked for: the application folders, the variable, LD_LIBRARY_PATH, what is loaded, the device count.
        Assert.Contains("libtorch_cpu.so next to the application in", e.Message);
        Assert.Contains($"{TorchBackend.TorchLibVariable} is not set", e.Message);
        Assert.Contains("LD_LIBRARY_PATH=", e.Message);
        Assert.Contains("loaded libtorch libraries: ", e.Message);
        Assert.Contains("CUDA device count: 0", e.Message);
        Assert.Contains("docs/gpu.md", e.Message);
    }

    [Fact]
    public void A_refused_cuda_request_leaves_the_cpu_backend_working()
    {
        if (torch.cuda.is_available()) return;
        Assert.Throws<RecDslBackendException>(() => DeviceSelection.Resolve("cuda"));

        using var x = torch.ones(3);
        Assert.Equal(3f, x.sum().item<float>());
        Assert.Empty(MappedLibraries.Named("libtorch_cuda.so"));
    }

    [Fact]
    public void The_trainer_refuses_missing_cuda_instead_of_training_on_the_cpu()
    {
        if (torch.cuda.is_available()) return;
        using var train = PlantedData.Logistic(seed: 1, n: 50).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        var e = Assert.Throws<RecDslBackendException>(() => new Trainer(network, new TrainerOptions { Device = "cuda" }).Fit(train));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.All(network.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
    }

    [Fact]
    public void The_trainer_rejects_an_unknown_device_name()
    {
        using var train = PlantedData.Logistic(seed: 1, n: 50).ToBatch();
        using var network = new LogisticNetwork(TestSchemas.Planted());

        Assert.Throws<ArgumentException>(() => new Trainer(network, new TrainerOptions { Device = "tpu" }).Fit(train));
    }
}
