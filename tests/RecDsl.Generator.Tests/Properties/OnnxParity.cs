using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RecDsl.Batching;
using RecDsl.Export;
using RecDsl.Models;
using RecDsl.Tests.Shared;
using TorchSharp;

namespace RecDsl.Generator.Tests.Properties;

/// <summary>A generated model's ONNX export (<see cref="OnnxExporter"/>) run by ONNX Runtime against the model itself in
/// eval mode, on one collated batch, within docs/serving.md's relative error (1e-5), and its Float16 and Int8 table exports
/// against the model with its tables rounded the same way; the largest error seen is kept.</summary>
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
        Compare(what, expected, OnnxOutputs.Probabilities(OnnxExporter.ToBytes(network), inputs, network.Task));
        // The compact exports against the model with its tables rounded the same way (CompactTables), then put back.
        foreach (var storage in new[] { EmbeddingStorage.Float16, EmbeddingStorage.Int8 })
        {
            var compact = OnnxExporter.ToBytes(network, new OnnxExportOptions { Embeddings = storage });
            var rounded = CompactTables.WithRounded(network, storage, () => Probabilities(network, batch));
            Compare($"{what} ({storage} tables)", rounded, OnnxOutputs.Probabilities(compact, inputs, network.Task));
        }
        Models++;
    }

    private static float[] Probabilities(RecNetwork network, FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return network.Probabilities(network.call(batch)).contiguous().data<float>().ToArray();
    }

    private void Compare(string what, float[] expected, float[] actual)
    {
        if (actual.Length != expected.Length)
            throw new InvalidOperationException($"{what}: ONNX gave {actual.Length} outputs, the model {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            var error = OnnxOutputs.RelativeError(expected[i], actual[i]);
            if (!(error <= OnnxOutputs.Tolerance))
                throw new InvalidOperationException($"{what}: ONNX output {i} is {actual[i]}, the model's {expected[i]} (relative error {error:G3})");
            MaxRelativeError = Math.Max(MaxRelativeError, error);
        }
    }
}
