using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RecDsl.Batching;
using RecDsl.Export;
using RecDsl.Models;
using TorchSharp;

namespace RecDsl.Generator.Tests.Properties;

/// <summary>A generated model's ONNX export (<see cref="OnnxExporter"/>) run by ONNX Runtime against the model itself in
/// eval mode, on one collated batch, within docs/serving.md's relative error (1e-5); the largest error seen is kept.</summary>
internal sealed class OnnxParity
{
    public double MaxRelativeError { get; private set; }

    public int Models { get; private set; }

    public void Check(string what, object model, FeatureBatch batch)
    {
        var network = (RecNetwork)model;
        float[] expected;
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            network.eval();
            expected = network.Probabilities(network.call(batch)).contiguous().data<float>().ToArray();
        }

        var inputs = ExportInputs.Arrays(network.Schema, batch)
            .Select(p => p.Value.Values is long[] rows
                ? NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<long>(rows, p.Value.Shape))
                : NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>((float[])p.Value.Values, p.Value.Shape)))
            .ToList();
        var actual = OnnxOutputs.Probabilities(OnnxExporter.ToBytes(network), inputs, network.Task);

        if (actual.Length != expected.Length)
            throw new InvalidOperationException($"{what}: ONNX gave {actual.Length} outputs, the model {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            var error = OnnxOutputs.RelativeError(expected[i], actual[i]);
            if (!(error <= OnnxOutputs.Tolerance))
                throw new InvalidOperationException($"{what}: ONNX output {i} is {actual[i]}, the model's {expected[i]} (relative error {error:G3})");
            MaxRelativeError = Math.Max(MaxRelativeError, error);
        }
        Models++;
    }
}
