using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RecDsl.Models;
using RecDsl.Schema;

namespace RecDsl.Export.Tests.Export;

/// <summary>The contract of an exported graph as ONNX Runtime and the ONNX protobuf see it: input and output
/// names, element types and shapes with a dynamic batch, opset, and no training-only ops left in.</summary>
public class OnnxGraphTests
{
    private const FeatureRoles Deep = FeatureRoles.Deep;

    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("Item", 12, 4, Deep)
        .Sparse("Unused", 3, 2, FeatureRoles.None)
        .Dense("Price", Deep)
        .History("ItemHist", "Item", 5, Deep)
        .Build(new LabelInfo(Label: "Label", ClickLabel: "Click", ConversionLabel: "Conversion"));

    [Fact]
    public void Inputs_are_the_record_members_with_a_dynamic_batch_and_outputs_are_named()
    {
        using var din = new DinNetwork(Schema, new DinOptions { Hidden = new[] { 4 }, AttentionHidden = new[] { 3 } });
        using (var session = new InferenceSession(OnnxExporter.ToBytes(din)))
        {
            Assert.Equal(new[] { "Item", "Unused", "Price", "ItemHist" }, session.InputMetadata.Keys);
            Assert.Equal(typeof(long), session.InputMetadata["Item"].ElementType);
            Assert.Equal(new[] { -1 }, session.InputMetadata["Item"].Dimensions);
            Assert.Equal(typeof(float), session.InputMetadata["Price"].ElementType);
            Assert.Equal(new[] { -1 }, session.InputMetadata["Price"].Dimensions);
            Assert.Equal(typeof(long), session.InputMetadata["ItemHist"].ElementType);
            Assert.Equal(new[] { -1, 5 }, session.InputMetadata["ItemHist"].Dimensions);
            Assert.Equal(new[] { "probability" }, session.OutputMetadata.Keys);
            Assert.Equal(new[] { -1 }, session.OutputMetadata["probability"].Dimensions);
            Assert.Equal(Schema.Fingerprint, session.ModelMetadata.CustomMetadataMap["recdsl.fingerprint"]);
            Assert.Equal("DinNetwork", session.ModelMetadata.CustomMetadataMap["recdsl.model"]);
        }

        using var esmm = new EsmmNetwork(Schema, new EsmmOptions { CtrHidden = new[] { 4 }, CvrHidden = new[] { 4 } });
        using (var session = new InferenceSession(OnnxExporter.ToBytes(esmm)))
            Assert.Equal(new[] { "p_ctr", "p_cvr", "p_ctcvr" }, session.OutputMetadata.Keys);
        Assert.Equal(new[] { "p_ctr", "p_cvr", "p_ctcvr" }, OnnxExporter.Describe(esmm).Outputs.Select(o => o.Name));
    }

    private sealed class Tables(string token) : RecDsl.Vocabularies.VocabularySet("Test.Record",
        new[] { KeyValuePair.Create("Item", new RecDsl.Vocabularies.Vocabulary(new[] { token })) });

    private sealed class WithVocabularies(FeatureSchema schema, RecDsl.Vocabularies.VocabularySet vocabularies)
        : WideDeepNetwork(schema, new WideDeepOptions { Hidden = new[] { 4 } })
    {
        protected override RecDsl.Vocabularies.VocabularySet? BatchVocabularies => vocabularies;
    }

    // A server maps strings to rows itself: the digest lets it check that its vocabulary file is the model's (ONNX
    // metadata, and the SPEC of the PyTorch module).
    [Fact]
    public void The_metadata_carries_the_digest_of_the_models_vocabularies_when_it_has_any()
    {
        var schema = new SchemaBuilder().Sparse("Item", 12, 4, FeatureRoles.Wide | Deep).Build();
        var tables = new Tables("x");
        using var withTables = new WithVocabularies(schema, tables);
        using (var session = new InferenceSession(OnnxExporter.ToBytes(withTables)))
            Assert.Equal(tables.Digest, session.ModelMetadata.CustomMetadataMap["recdsl.vocabulary"]);
        // The PyTorch module's SPEC carries it too.
        Assert.Contains($"\"vocabulary\": \"{tables.Digest}\"", PyTorchExporter.ModuleSource(withTables));
        Assert.NotEqual(tables.Digest, new Tables("y").Digest);

        using var without = new WideDeepNetwork(schema, new WideDeepOptions { Hidden = new[] { 4 } });
        using (var session = new InferenceSession(OnnxExporter.ToBytes(without)))
            Assert.False(session.ModelMetadata.CustomMetadataMap.ContainsKey("recdsl.vocabulary"));
        Assert.DoesNotContain("\"vocabulary\"", PyTorchExporter.ModuleSource(without));
    }

    [Fact]
    public void The_graph_uses_opset_17_and_has_no_batch_norm_or_dropout_left()
    {
        using var net = new WideDeepNetwork(new SchemaBuilder().Sparse("Item", 12, 4, FeatureRoles.Wide | Deep).Build(),
            new WideDeepOptions { Hidden = new[] { 4, 3 }, BatchNorm = true, Dropout = 0.5, Activation = Activation.Dice });
        var model = Onnx.ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(net));
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        var ops = model.Graph.Node.Select(n => n.OpType).ToHashSet();
        Assert.DoesNotContain("BatchNormalization", ops);
        Assert.DoesNotContain("Dropout", ops);
        Assert.Contains("Gemm", ops);
        // Every Linear of the MLP (two hidden, one output) is one Gemm: the BatchNorms were folded into them.
        Assert.Equal(3, model.Graph.Node.Count(n => n.OpType == "Gemm"));
    }

    [Fact]
    public void ExportInputs_from_a_batch_feed_the_session_like_hand_built_inputs()
    {
        using var net = new DinNetwork(Schema, new DinOptions { Hidden = new[] { 4 }, AttentionHidden = new[] { 3 } });
        var rows = new TestRows(Schema, 6, 7);
        using var batch = rows.Batch();
        var arrays = ExportInputs.Arrays(Schema, batch);
        Assert.Equal(Schema.Features.Select(f => f.Name), arrays.Keys);
        Assert.Equal(new[] { 6, 5 }, arrays["ItemHist"].Shape);
        using var session = new InferenceSession(OnnxExporter.ToBytes(net));
        var feeds = arrays.Select(p => p.Value.Values is long[] ids
            ? NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<long>(ids, p.Value.Shape))
            : NamedOnnxValue.CreateFromTensor(p.Key, new DenseTensor<float>((float[])p.Value.Values, p.Value.Shape))).ToList();
        using var fromArrays = session.Run(feeds);
        using var fromRows = session.Run(rows.OnnxInputs());
        Assert.Equal(fromRows.Single().AsTensor<float>().ToArray(), fromArrays.Single().AsTensor<float>().ToArray());
    }

    // A hand-built batch carries no record name: its columns are all there is to check, and a missing one would
    // otherwise surface as an index error inside select.
    [Fact]
    public void ExportInputs_refuse_a_hand_built_batch_without_the_schema_s_columns()
    {
        using var din = new DinNetwork(Schema, new DinOptions { Hidden = new[] { 4 }, AttentionHidden = new[] { 3 } });
        using var batch = new RecDsl.Batching.FeatureBatch(2, TorchSharp.torch.zeros(2, 1, TorchSharp.torch.int64),
            TorchSharp.torch.zeros(2, 1), new[] { TorchSharp.torch.zeros(2, 5, TorchSharp.torch.int64) });

        var error = Assert.Throws<ArgumentException>(() => ExportInputs.Arrays(Schema, batch));
        Assert.StartsWith("The batch does not have the columns of", error.Message);
        Assert.Contains("it has 1 sparse and 1 dense columns and 1 sequence(s) of length 5", error.Message);
        Assert.Throws<ArgumentException>(() => ExportInputs.Tensors(din, batch));
    }

    [Fact]
    public void Export_writes_a_file_ort_loads()
    {
        using var net = new EsmmNetwork(Schema, new EsmmOptions { CtrHidden = new[] { 4 }, CvrHidden = new[] { 4 } });
        var path = Path.Combine(Path.GetTempPath(), $"recdsl-export-{Guid.NewGuid():N}", "esmm.onnx");
        try
        {
            var info = OnnxExporter.Export(net, path);
            using var session = new InferenceSession(path);
            Assert.Equal(info.Inputs.Select(i => i.Name), session.InputMetadata.Keys);
            Assert.Equal(info.Outputs.Select(i => i.Name), session.OutputMetadata.Keys);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
