using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>Builds the hidden-layer activation named by <see cref="Activation"/>.</summary>
public static class Activations
{
    /// <summary>A new activation module over <paramref name="channels"/> channels (the last dimension).</summary>
    public static nn.Module<Tensor, Tensor> Create(Activation activation, long channels) => activation switch
    {
        Activation.Relu => nn.ReLU(),
        Activation.Dice => new Dice(channels),
        Activation.PRelu => new PRelu(channels),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
