using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using RecDsl.Layers;
using RecDsl.Tests.Shared;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// Embedding tables exported as Float16 or Int8 (<see cref="EmbeddingStorage"/>). The expectation is computed
/// independently of the exporter (<see cref="CompactTables"/>): each table's values rounded in C# (to <see cref="Half"/>,
/// or to a symmetric int8 per row and back), written into the network, and scored by TorchSharp. ONNX Runtime on the compact export must
/// match that within the parity bound, for every model kind.
/// </summary>
public sealed class OnnxCompactEmbeddingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-onnx-compact-").FullName;

    public OnnxCompactEmbeddingTests() => torch.manual_seed(20261208);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, EmbeddingStorage> Cases()
    {
        var data = new TheoryData<string, EmbeddingStorage>();
        foreach (var kind in new[] { "widedeep", "deepfm", "din", "esmm" })
            foreach (var storage in new[] { EmbeddingStorage.Float16, EmbeddingStorage.Int8 })
                data.Add(kind, storage);
        return data;
    }

    private static RecNetwork Network(string kind) => kind switch
    {
        "widedeep" => new WideDeepNetwork(TestSchemas.WideDeep(Pooling.Mean), new WideDeepOptions { Hidden = new[] { 16, 8 }, BatchNorm = true }),
        "deepfm" => new DeepFmNetwork(TestSchemas.DeepFm(Pooling.Sum), new DeepFmOptions { Hidden = new[] { 16, 8 } }),
        "din" => new DinNetwork(TestSchemas.Din(Pooling.Max), new DinOptions { Hidden = new[] { 16 }, AttentionHidden = new[] { 8 } }),
        _ => new EsmmNetwork(TestSchemas.Esmm(Pooling.Mean), new EsmmOptions { CtrHidden = new[] { 16 }, CvrHidden = new[] { 16 } }),
    };

    private static OnnxExportOptions As(EmbeddingStorage storage) => new() { Embeddings = storage };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_export_scores_exactly_the_rounded_tables(string kind, EmbeddingStorage storage)
    {
        using var network = Network(kind);
        var rows = new TestRows(network.Schema, 48, seed: 8);
        Parity.Train(network, rows, steps: 6);
        var exact = Parity.TorchProbabilities(network, rows);
        var compact = OnnxExporter.ToBytes(network, As(storage));

        int rounded = CompactTables.Round(network, storage);
        var expected = Parity.TorchProbabilities(network, rows);
        var actual = Parity.OnnxProbabilities(compact, rows, network.Task);

        Assert.True(rounded > 0);
        Assert.True(expected.Max() - expected.Min() > 1e-3, "the outputs barely vary: the comparison would not show a wrong table");
        Assert.True(Parity.MaxRelativeError(exact, expected) > 0, "rounding changed nothing: the test would not tell the storages apart");
        var error = Parity.MaxRelativeError(expected, actual);
        Assert.True(error <= Parity.Tolerance, $"{kind} {storage}: max relative error {error:E2} against the rounded tables");
    }

    [Theory]
    [InlineData(EmbeddingStorage.Float16)]
    [InlineData(EmbeddingStorage.Int8)]
    public void Tables_are_stored_compactly_and_everything_else_stays_float32(EmbeddingStorage storage)
    {
        using var network = Network("deepfm");
        var exact = Initializers(OnnxExporter.ToBytes(network));
        var model = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(network, As(storage)));
        var compact = Initializers(model.ToByteArray());
        Assert.Equal(storage.ToString().ToLowerInvariant(), model.MetadataProps.Single(p => p.Key == "recdsl.embeddings").Value);

        var tables = exact.Keys.Where(n => n.StartsWith("embeddings.", StringComparison.Ordinal) || n.StartsWith("first.weights.", StringComparison.Ordinal)).ToArray();
        Assert.Contains("embeddings.Item", tables);
        Assert.Contains("first.weights.Item", tables);
        foreach (var (name, original) in exact)
        {
            var stored = compact[name];
            Assert.Equal(original.Dims, stored.Dims);
            bool table = tables.Contains(name), scalarWeights = name.StartsWith("first.weights.", StringComparison.Ordinal);
            var (type, bytesPerValue) = !table || (storage == EmbeddingStorage.Int8 && scalarWeights)
                ? ((TensorProto.Types.DataType)original.DataType, 4)
                : storage == EmbeddingStorage.Float16 ? (TensorProto.Types.DataType.Float16, 2) : (TensorProto.Types.DataType.Int8, 1);
            Assert.True((int)type == stored.DataType, $"{name}: stored as {(TensorProto.Types.DataType)stored.DataType}, expected {type}");
            if (original.DataType == (int)TensorProto.Types.DataType.Float && original.RawData.Length > 0) Assert.Equal(original.RawData.Length / 4 * bytesPerValue, stored.RawData.Length);
        }
        var scales = compact.Keys.Except(exact.Keys).ToArray();
        if (storage == EmbeddingStorage.Int8)
            Assert.Equal(tables.Where(n => n.StartsWith("embeddings.", StringComparison.Ordinal)).Select(n => n + ".scale").OrderBy(n => n), scales.OrderBy(n => n));
        else
            Assert.Empty(scales);
    }

    [Fact]
    public void A_large_table_shrinks_the_file_by_the_storage_size()
    {
        var schema = new SchemaBuilder()
            .Sparse("User", 20_000, 16, FeatureRoles.Deep | FeatureRoles.FmField)
            .Sparse("Item", 5_000, 16, FeatureRoles.Deep | FeatureRoles.FmField)
            .Dense("Price", FeatureRoles.Deep)
            .Build();
        using var network = new DeepFmNetwork(schema, new DeepFmOptions { Hidden = new[] { 8 } });
        double full = OnnxExporter.ToBytes(network).Length;
        double half = OnnxExporter.ToBytes(network, As(EmbeddingStorage.Float16)).Length;
        double int8 = OnnxExporter.ToBytes(network, As(EmbeddingStorage.Int8)).Length;
        // Tables: 25,002 x 16 values (+ 25,002 first-order weights, Float32 under Int8, Float16 under Float16).
        Assert.InRange(half / full, 0.49, 0.52);
        Assert.InRange(int8 / full, 0.35, 0.37); // (16 + 4 scale + 4 first order) / (64 + 4) bytes per row
    }

    [Fact]
    public void Int8_keeps_zero_rows_and_each_rows_largest_value_exact()
    {
        using var table = torch.tensor(new float[] { 0, 0, 0, 0.5f, -0.2f, 0.125f, -3e-5f, 1e-5f, 2e-5f }, 3, 3);
        var (values, scales) = EmbeddingQuantization.Int8(table, "T");
        using (values)
        using (scales)
        {
            Assert.Equal(new sbyte[] { 0, 0, 0, 127, -51, 32, -127, 42, 85 }, values.data<sbyte>().ToArray());
            Assert.Equal(new[] { 0f, 0.5f / 127f, 3e-5f / 127f }, scales.data<float>().ToArray());
        }
    }

    [Fact]
    public void A_value_float16_cannot_hold_is_refused_naming_its_table_and_int8_stores_it()
    {
        using var network = (DeepFmNetwork)Network("deepfm");
        using (torch.no_grad())
        {
            var group = network.Embeddings.Groups.First(g => g.Contains("Item"));
            using var weight = group.Weight;
            weight[group.RowOffset("Item") + 3, 1] = torch.tensor(70_000f);
        }
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(network, As(EmbeddingStorage.Float16)));
        Assert.Contains("'Item'", error.Message);
        Assert.Contains("70000", error.Message);
        Assert.Contains("EmbeddingStorage.Int8", error.Message);
        Assert.NotEmpty(OnnxExporter.ToBytes(network, As(EmbeddingStorage.Int8)));
    }

    [Fact]
    public void Float16_takes_values_that_round_to_65504_and_refuses_those_that_round_to_infinity()
    {
        // IEEE half: 65504 is the largest value; 65519.99 rounds down to it, 65520 is the tie that rounds up (to even) to infinity.
        using var fits = torch.tensor(new float[] { 0, 0, 65_519.99f, -65_519.99f }, 2, 2);
        using var half = EmbeddingQuantization.Float16(fits, "T");
        Assert.Equal(new[] { 0f, 0f, 65_504f, -65_504f }, half.to_type(ScalarType.Float32).data<float>().ToArray());

        foreach (var value in new[] { 65_520f, -65_520f })
        {
            using var overflows = torch.tensor(new float[] { 0, 0, 0, value }, 2, 2);
            Assert.Contains("'T' has a value of magnitude 65520", Assert.Throws<NotSupportedException>(() => EmbeddingQuantization.Float16(overflows, "T")).Message);
            Assert.True(float.IsInfinity((float)(Half)value)); // what storing it would have given
        }
    }

    [Fact]
    public void A_table_that_is_not_finite_is_refused_naming_it()
    {
        using var network = (DinNetwork)Network("din");
        using (torch.no_grad())
        {
            var group = network.Embeddings.Groups.First(g => g.Contains("Cate"));
            using var weight = group.Weight;
            weight[group.RowOffset("Cate") + 2, 0] = torch.tensor(float.NaN);
        }
        foreach (var storage in new[] { EmbeddingStorage.Float16, EmbeddingStorage.Int8 })
        {
            var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(network, As(storage)));
            Assert.Contains("'Cate'", error.Message);
            Assert.Contains("not finite", error.Message);
        }
    }

    [Fact]
    public void An_int8_model_with_external_data_scores_as_with_its_weights_inside()
    {
        using var network = Network("din");
        var rows = new TestRows(network.Schema, 24, seed: 3);
        Parity.Train(network, rows, steps: 4);
        var path = Path.Combine(folder, "din.onnx");
        var options = As(EmbeddingStorage.Int8);

        var info = OnnxExporter.Export(network, path, options, inlineWeightLimit: 0);

        Assert.Equal(EmbeddingStorage.Int8, info.Embeddings);
        Assert.NotNull(info.ExternalData);
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var fromPath = new InferenceSession(path, sessionOptions);
        using var results = fromPath.Run(rows.OnnxInputs());
        var external = results.Single(r => r.Name == OnnxExporter.Probability).AsTensor<float>().ToArray();
        Assert.Equal(Parity.OnnxProbabilities(OnnxExporter.ToBytes(network, options), rows, network.Task), external);
    }

    [Fact]
    public void The_default_export_is_float32_and_says_so()
    {
        using var network = Network("widedeep");
        Assert.Equal(OnnxExporter.ToBytes(network), OnnxExporter.ToBytes(network, new OnnxExportOptions()));
        Assert.Equal(EmbeddingStorage.Float32, OnnxExporter.Export(network, Path.Combine(folder, "w.onnx")).Embeddings);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.ToBytes(network, As((EmbeddingStorage)7)));
    }

    // The weights by name; constants (numbered in the order nodes are added, which the lookups change) left out.
    private static Dictionary<string, TensorProto> Initializers(byte[] model) =>
        ModelProto.Parser.ParseFrom(model).Graph.Initializer.Where(t => !t.Name.StartsWith("const_", StringComparison.Ordinal)).ToDictionary(t => t.Name);
}
