using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// A model whose weights pass the 2 GB that one protobuf message holds is exported with ONNX external data: the
/// graph in the .onnx file, the weights in <c>{file}.data</c> beside it. A real one is too large for a test, so the
/// limit is lowered to zero here (every weight of 1 KB or more goes out); ONNX Runtime, given the path, must read it
/// back and score exactly as the model with its weights inline.
/// </summary>
public sealed class OnnxExternalDataTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-onnx-external-").FullName;

    public OnnxExternalDataTests() => torch.manual_seed(20261207);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Kinds() => new() { "widedeep", "deepfm", "din", "esmm" };

    private static RecNetwork Network(string kind) => kind switch
    {
        "widedeep" => new WideDeepNetwork(TestSchemas.WideDeep(Pooling.Mean), new WideDeepOptions { Hidden = new[] { 64, 8 }, BatchNorm = true }),
        "deepfm" => new DeepFmNetwork(TestSchemas.DeepFm(Pooling.Sum), new DeepFmOptions { Hidden = new[] { 64, 8 } }),
        "din" => new DinNetwork(TestSchemas.Din(Pooling.Max), new DinOptions { Hidden = new[] { 64 }, AttentionHidden = new[] { 16 } }),
        _ => new EsmmNetwork(TestSchemas.Esmm(Pooling.Mean), new EsmmOptions { CtrHidden = new[] { 64 }, CvrHidden = new[] { 64 } }),
    };

    private static float[] Score(InferenceSession session, TestRows rows, TaskKind task)
    {
        using var results = session.Run(rows.OnnxInputs(0, null));
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        if (task == TaskKind.SingleTask) return Output(OnnxExporter.Probability);
        return Output(OnnxExporter.PCtr).Concat(Output(OnnxExporter.PCvr)).Concat(Output(OnnxExporter.PCtcvr)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Weights_written_beside_the_model_score_exactly_as_weights_inside_it(string kind)
    {
        using var network = Network(kind);
        var rows = new TestRows(network.Schema, 24, seed: 5);
        Parity.Train(network, rows, steps: 4);
        var path = Path.Combine(folder, $"{kind}.onnx");

        var info = OnnxExporter.Export(network, path, null, inlineWeightLimit: 0);

        Assert.Equal(path + ".data", info.ExternalData);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var moved = model.Graph.Initializer.Where(t => t.DataLocation == TensorProto.Types.DataLocation.External).ToArray();
        Assert.NotEmpty(moved);
        Assert.All(model.Graph.Initializer, t => Assert.Equal(t.DataLocation == TensorProto.Types.DataLocation.External, t.RawData.IsEmpty && t.FloatData.Count == 0 && t.Int64Data.Count == 0));
        var inline = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(network)).Graph.Initializer.ToDictionary(t => t.Name);
        var data = File.ReadAllBytes(info.ExternalData!);
        foreach (var tensor in moved)
        {
            var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
            Assert.Equal($"{kind}.onnx.data", entries["location"]); // relative to the model's folder
            long offset = long.Parse(entries["offset"]), length = long.Parse(entries["length"]);
            Assert.Equal(0, offset % 4096);
            Assert.True(length >= 1024);
            Assert.Equal(inline[tensor.Name].RawData.ToByteArray(), data.AsSpan((int)offset, (int)length).ToArray());
        }
        Assert.All(model.Graph.Initializer.Except(moved), t => Assert.True(inline[t.Name].RawData.Length < 1024));

        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var fromPath = new InferenceSession(path, options);
        using var fromBytes = new InferenceSession(OnnxExporter.ToBytes(network), options);
        var expected = Score(fromBytes, rows, network.Task);
        Assert.True(expected.Max() - expected.Min() > 1e-4, "the outputs barely vary: the comparison would not show a wrong weight");
        Assert.Equal(expected, Score(fromPath, rows, network.Task));
    }

    [Fact]
    public void A_model_within_the_limit_keeps_its_weights_inside()
    {
        using var network = Network("deepfm");
        var path = Path.Combine(folder, "small.onnx");

        var info = OnnxExporter.Export(network, path);

        Assert.Null(info.ExternalData);
        Assert.False(File.Exists(path + ".data"));
        Assert.Equal(OnnxExporter.ToBytes(network), File.ReadAllBytes(path));
    }

    [Fact]
    public void An_inline_export_over_an_external_one_removes_the_weights_nothing_refers_to()
    {
        using var network = Network("deepfm");
        var path = Path.Combine(folder, "replaced.onnx");
        OnnxExporter.Export(network, path, null, inlineWeightLimit: 0);
        Assert.True(File.Exists(path + ".data"));

        var info = OnnxExporter.Export(network, path, new OnnxExportOptions { Embeddings = EmbeddingStorage.Int8 });

        Assert.Null(info.ExternalData);
        Assert.Equal(new[] { path }, Directory.GetFiles(folder));
        using var session = new InferenceSession(path);
        Assert.Equal("int8", session.ModelMetadata.CustomMetadataMap["recdsl.embeddings"]);
    }

    [Fact]
    public void Bytes_of_a_model_over_the_limit_are_refused_with_the_way_out()
    {
        using var network = Network("deepfm");

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(network, null, inlineWeightLimit: 1000));

        Assert.StartsWith($"The ONNX model of {network.Schema.RecordName}'s DeepFmNetwork holds 0.00 GB of weights, more than one protobuf message can (2 GB)", error.Message);
        Assert.EndsWith("Export it to a file with OnnxExporter.Export(network, path), which writes the weights to 'path.data' beside it, and create the InferenceSession from that path.", error.Message);
    }

    [Fact]
    public void An_export_leaves_only_its_files_and_a_folder_as_the_target_is_refused_before_anything_is_written()
    {
        using var network = Network("din");
        var path = Path.Combine(folder, "m.onnx");
        OnnxExporter.Export(network, path, null, inlineWeightLimit: 0);
        OnnxExporter.Export(network, path, null, inlineWeightLimit: 0); // over the first: renamed into place, no temporary left
        Assert.Equal(new[] { path, path + ".data" }, Directory.GetFiles(folder).Order());

        var before = File.ReadAllBytes(path);
        var blocked = Path.Combine(folder, "blocked.onnx");
        Directory.CreateDirectory(blocked + ".data");
        Assert.StartsWith("The path is empty.", Assert.Throws<ArgumentException>(() => OnnxExporter.Export(network, " ")).Message);
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(network, blocked, null, inlineWeightLimit: 0));
        Assert.StartsWith($"'{blocked}' (or its '.data' file) is a folder; name a file", error.Message);
        Assert.Equal(new[] { path, path + ".data" }, Directory.GetFiles(folder).Order());
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
