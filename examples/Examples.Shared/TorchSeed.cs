using RecDsl.Backend;
using TorchSharp;

namespace RecDsl.Examples;

/// <summary>Seeds torch's random generator, which initialises the model's weights when it is constructed (the trainer
/// seeds the data order and dropout itself). Same seed on the CPU, same run.</summary>
public static class TorchSeed
{
    /// <summary>Loads the backend if needed and seeds torch with <paramref name="seed"/>.</summary>
    public static void Set(int seed)
    {
        TorchBackend.EnsureLoaded();
        torch.manual_seed(seed);
    }
}
