using Microsoft.ML.OnnxRuntime;
using RecDsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// Trains a network a few steps (so BatchNorm and Dice running statistics move away from their initial values),
/// then compares its eval-mode probabilities in TorchSharp with those of its ONNX export in ONNX Runtime.
/// </summary>
internal static class Parity
{
    public const double Tolerance = OnnxOutputs.Tolerance;

    /// <summary>Max relative error |onnx - torch| / |torch| over every output and row.</summary>
    public static double MaxRelativeError(RecNetwork network, TestRows rows, int trainSteps = 6)
    {
        Train(network, rows, trainSteps);
        var expected = TorchProbabilities(network, rows);
        // A comparison of near-constant outputs would not show a wrong graph.
        Assert.True(expected.Max() - expected.Min() > 1e-3, $"outputs barely vary across rows ({expected.Min()}..{expected.Max()})");
        var actual = OnnxProbabilities(OnnxExporter.ToBytes(network), rows, network.Task);
        return MaxRelativeError(expected, actual);
    }

    public static void Train(RecNetwork network, TestRows rows, int steps)
    {
        using var batch = rows.Batch();
        network.train();
        using var optimizer = optim.Adam(network.parameters(), 0.05);
        for (int step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            network.Loss(network.call(batch), batch).backward();
            optimizer.step();
        }
        network.eval();
    }

    /// <summary>Eval-mode probabilities, [B] or [B, 3], row-major.</summary>
    public static float[] TorchProbabilities(RecNetwork network, TestRows rows)
    {
        using var batch = rows.Batch();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        network.eval();
        return network.Probabilities(network.call(batch)).contiguous().data<float>().ToArray();
    }

    /// <summary>The ONNX outputs in the same layout: probability [B], or p_ctr, p_cvr, p_ctcvr interleaved as [B, 3].</summary>
    public static float[] OnnxProbabilities(byte[] model, TestRows rows, TaskKind task, int start = 0, int? count = null) =>
        OnnxOutputs.Probabilities(model, rows.OnnxInputs(start, count), task);

    public static double MaxRelativeError(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(expected[i]) && float.IsFinite(actual[i]), $"non-finite output at {i}: torch {expected[i]}, onnx {actual[i]}");
            max = Math.Max(max, OnnxOutputs.RelativeError(expected[i], actual[i]));
        }
        return max;
    }
}
