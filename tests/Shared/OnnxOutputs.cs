using Microsoft.ML.OnnxRuntime;
using RecDsl.Export;
using RecDsl.Models;

namespace RecDsl.Tests.Shared;

/// <summary>An exported model run by ONNX Runtime (one thread), its outputs in the layout of
/// <see cref="RecNetwork.Probabilities"/>, and the relative error the parity checks bound (docs/serving.md).
/// Linked into the export tests and the generator's random-declaration test.</summary>
internal static class OnnxOutputs
{
    /// <summary>The largest relative error an export may show (docs/serving.md, Parity).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>probability [B], or p_ctr, p_cvr, p_ctcvr interleaved as [B, 3].</summary>
    public static float[] Probabilities(byte[] model, IReadOnlyCollection<NamedOnnxValue> inputs, TaskKind task)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var results = session.Run(inputs);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        if (task == TaskKind.SingleTask) return Output(OnnxExporter.Probability);
        var (ctr, cvr, ctcvr) = (Output(OnnxExporter.PCtr), Output(OnnxExporter.PCvr), Output(OnnxExporter.PCtcvr));
        return Enumerable.Range(0, ctr.Length).SelectMany(b => new[] { ctr[b], cvr[b], ctcvr[b] }).ToArray();
    }

    /// <summary>|actual - expected| / |expected|, in double.</summary>
    public static double RelativeError(float expected, float actual) =>
        Math.Abs((double)actual - expected) / Math.Max(Math.Abs((double)expected), 1e-30);
}
