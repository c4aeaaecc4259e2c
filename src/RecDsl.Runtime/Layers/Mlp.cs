using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// A multi-layer perceptron: per hidden size <c>Linear -> BatchNorm1d (optional) -> activation -> Dropout</c>
/// (dropout only when &gt; 0), then <c>Linear(last, output)</c> when <c>output &gt; 0</c>. Linear layers and the
/// activations act on the last dimension, so [N, C] and [B, L, C] both work; BatchNorm needs [N, C].
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> layers;
    private readonly nn.Module<Tensor, Tensor>[] layerArray;

    /// <summary>Creates the MLP.</summary>
    /// <param name="input">Input size (last dimension).</param>
    /// <param name="hidden">Hidden layer sizes, possibly none.</param>
    /// <param name="activation">Activation after each hidden layer.</param>
    /// <param name="dropout">Dropout probability after each hidden layer.</param>
    /// <param name="batchNorm">Insert BatchNorm1d between each hidden Linear and its activation.</param>
    /// <param name="output">Size of the final Linear layer; 0 leaves it out (the output is the last hidden layer).</param>
    /// <param name="name">Module name.</param>
    public Mlp(long input, IReadOnlyList<int> hidden, Activation activation = Activation.Relu, double dropout = 0,
        bool batchNorm = false, long output = 1, string name = nameof(Mlp)) : base(BackendFirst.Name(name))
    {
        if (input <= 0) throw new ArgumentOutOfRangeException(nameof(input), input, "The MLP needs at least one input.");
        // Written so that NaN fails too (it passes "< 0 or >= 1" and would silently mean no dropout).
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        if (hidden.Any(h => h <= 0)) throw new ArgumentException($"Hidden sizes must be positive: [{string.Join(", ", hidden)}].", nameof(hidden));
        if (hidden.Count == 0 && output <= 0) throw new ArgumentException("An MLP needs a hidden layer or an output layer.", nameof(output));
        var list = new List<nn.Module<Tensor, Tensor>>();
        long width = input;
        foreach (var size in hidden)
        {
            list.Add(nn.Linear(width, size));
            if (batchNorm) list.Add(nn.BatchNorm1d(size));
            list.Add(Activations.Create(activation, size));
            if (dropout > 0) list.Add(nn.Dropout(dropout));
            width = size;
        }
        if (output > 0)
        {
            list.Add(nn.Linear(width, output));
            width = output;
        }
        InputSize = input;
        OutputSize = width;
        layerArray = list.ToArray();
        layers = nn.ModuleList(layerArray);
        RegisterComponents();
    }

    /// <summary>Input size.</summary>
    public long InputSize { get; }

    /// <summary>Output size: the output layer's, or the last hidden size.</summary>
    public long OutputSize { get; }

    /// <summary>The layers in order (Linear, BatchNorm1d, activation, Dropout, ...).</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Layers => layerArray;

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>Runs the MLP; <paramref name="mask"/> (Bool, the leading dimensions of <paramref name="x"/>) is
    /// passed to <see cref="Dice"/> layers so that masked positions stay out of their batch statistics.</summary>
    public Tensor forward(Tensor x, Tensor? mask) => ForwardFrom(0, x, mask);

    /// <summary>Runs the layers from index <paramref name="first"/> of <see cref="Layers"/> on <paramref name="x"/>:
    /// for a caller that computed the earlier layers itself (DIN's attention computes the first Linear in a cheaper,
    /// equivalent form).</summary>
    public Tensor ForwardFrom(int first, Tensor x, Tensor? mask)
    {
        using var scope = torch.NewDisposeScope();
        for (int i = first; i < layerArray.Length; i++)
            x = layerArray[i] switch
            {
                Dice dice => dice.forward(x, mask),
                BatchNorm1d norm => BatchNormForward.Run(norm, x),
                var layer => layer.call(x),
            };
        return x.MoveToOuterDisposeScope();
    }
}
