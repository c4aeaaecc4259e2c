using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>Reads parameters and buffers to the host for export.</summary>
internal static class TensorData
{
    /// <summary>The values of <paramref name="t"/> as Float32, row-major, on the host (any device, any float dtype).</summary>
    public static float[] Floats(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    /// <summary>The values of <paramref name="t"/> as Float64, row-major, for folding done in double precision.</summary>
    public static double[] Doubles(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }
}
