namespace RecDsl.Models;

/// <summary>Hyperparameters of <see cref="WideDeepNetwork"/>; mirror <see cref="WideDeepAttribute"/>.</summary>
public sealed record WideDeepOptions : NetworkOptions
{
    /// <summary>Hidden layer sizes of the deep MLP.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = new[] { 256, 128 };

    /// <summary>Activation of the deep MLP.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
}
