using RecDsl.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// Parametric ReLU with one learned slope per channel of the <em>last</em> dimension:
/// <c>max(0, x) + a * min(0, x)</c>, slopes starting at 0.25. TorchSharp's PReLU takes channels from dimension 1,
/// which is the sequence length for the [B, L, C] inputs of the DIN activation unit.
/// </summary>
public sealed class PRelu : nn.Module<Tensor, Tensor>
{
    private readonly Parameter slope;

    /// <summary>Creates PReLU over <paramref name="channels"/> channels.</summary>
    public PRelu(long channels, double init = 0.25, string name = nameof(PRelu)) : base(BackendFirst.Name(name))
    {
        using (var initial = init.ToScalar()) slope = nn.Parameter(torch.full(channels, initial));
        RegisterComponents();
    }

    /// <summary>The per-channel slope of the negative side, [C].</summary>
    public Parameter Slope => slope;

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return (x.clamp_min(Scalars.Zero) + slope * x.clamp_max(Scalars.Zero)).MoveToOuterDisposeScope();
    }
}
