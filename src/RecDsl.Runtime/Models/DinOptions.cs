namespace RecDsl.Models;

/// <summary>Hyperparameters of <see cref="DinNetwork"/>; mirror <see cref="DinAttribute"/>.</summary>
public sealed record DinOptions : NetworkOptions
{
    /// <summary>Hidden layer sizes of the top MLP.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = new[] { 256, 128 };

    /// <summary>Hidden layer sizes of the attention activation unit.</summary>
    public IReadOnlyList<int> AttentionHidden { get; init; } = new[] { 64, 32 };

    /// <summary>Normalise attention scores with a masked softmax (the paper does not).</summary>
    public bool AttentionSoftmax { get; init; }

    /// <summary>Activation of both MLPs.</summary>
    public Activation Activation { get; init; } = Activation.Dice;
}
