namespace RecDsl.Models;

/// <summary>Hyperparameters of <see cref="EsmmNetwork"/>; mirror <see cref="EsmmAttribute"/>.</summary>
public sealed record EsmmOptions : NetworkOptions
{
    /// <summary>Hidden layer sizes of the CTR tower.</summary>
    public IReadOnlyList<int> CtrHidden { get; init; } = new[] { 256, 128 };

    /// <summary>Hidden layer sizes of the CVR tower.</summary>
    public IReadOnlyList<int> CvrHidden { get; init; } = new[] { 256, 128 };

    /// <summary>Activation of both towers.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
}
