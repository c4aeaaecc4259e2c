using Onnx;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using Google.Protobuf;

namespace RecDsl.Export;

/// <summary>
/// Exports a trained RecDsl network as an ONNX model for serving. TorchSharp has no ONNX exporter, so the graph is
/// built here from the known architecture of each network kind (WideDeep, DeepFM, DIN, ESMM) with its trained
/// weights, in eval mode: BatchNorm folded into the preceding Linear, Dice with its running statistics, no dropout.
/// </summary>
/// <remarks>
/// Inputs are one per feature of the record, named after the member, with a dynamic batch dimension: sparse Int64
/// [batch] and sequence Int64 [batch, MaxLen] hold <b>table rows</b>, exactly as the collator produces them (real id
/// <c>v</c> is row <c>v + 2</c>, row 1 is OOV, row 0 pads sequences at the end), dense Float32 [batch] raw values.
/// Outputs: <c>probability</c> [batch] for single-task models; <c>p_ctr</c>, <c>p_cvr</c>, <c>p_ctcvr</c> [batch]
/// for ESMM. Opset <see cref="Opset"/> (ONNX Runtime 1.13 and later), IR version <see cref="IrVersion"/>.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>ONNX opset of the exported graphs: 17 has every op used here in its current form (ReduceSum,
    /// Squeeze and Unsqueeze take axes as inputs; ReduceMax still an attribute) and runs on ONNX Runtime 1.13+.</summary>
    public const long Opset = 17;

    /// <summary>ONNX IR version written (8 = ONNX 1.12, the release that introduced opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>Output of single-task models: the click probability, [batch].</summary>
    public const string Probability = "probability";

    /// <summary>ESMM output: pCTR, [batch].</summary>
    public const string PCtr = "p_ctr";

    /// <summary>ESMM output: pCVR (conversion given click), [batch].</summary>
    public const string PCvr = "p_cvr";

    /// <summary>ESMM output: pCTCVR = pCTR x pCVR, [batch].</summary>
    public const string PCtcvr = "p_ctcvr";

    /// <summary>Weights beyond this many bytes go to an external data file: a protobuf message, and so an .onnx file,
    /// holds at most 2 GB, and ONNX Runtime refuses a larger one ("Protobuf parsing failed"). 64 MB are left for the
    /// graph itself.</summary>
    internal const long InlineWeightLimit = int.MaxValue - (64L << 20);

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/>. When its weights are
    /// too large for one protobuf file (over about 2 GB: a Criteo-sized embedding table), every initializer of 1 KB or
    /// more goes to <c>{path}.data</c> beside it, as ONNX's external data (location, offset, length; offsets aligned
    /// to 4 KB), and <see cref="OnnxExportInfo.ExternalData"/> names that file; keep the two together.
    /// ONNX Runtime reads it when the session is created from the model's path.
    /// The files are written under temporary names and renamed into place, so a failed export leaves an earlier one
    /// as it was; a <c>{path}.data</c> an earlier export left is deleted when the new model holds its weights itself.</summary>
    /// <exception cref="NotSupportedException">The network is not one of the four RecDsl network kinds.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> names a folder.</exception>
    public static OnnxExportInfo Export(RecNetwork network, string path) => Export(network, path, null, InlineWeightLimit);

    /// <summary><see cref="Export(RecNetwork, string)"/> with <paramref name="options"/>, such as embedding tables
    /// stored as Float16 or Int8 (<see cref="OnnxExportOptions.Embeddings"/>) for a smaller model.</summary>
    /// <exception cref="NotSupportedException">A table cannot be stored as asked (a value beyond float16's range,
    /// or not finite); the message names it.</exception>
    public static OnnxExportInfo Export(RecNetwork network, string path, OnnxExportOptions? options) =>
        Export(network, path, options, InlineWeightLimit);

    /// <summary><see cref="Export(RecNetwork, string, OnnxExportOptions?)"/> with weights of more than
    /// <paramref name="inlineWeightLimit"/> bytes in all written to the external data file.</summary>
    internal static OnnxExportInfo Export(RecNetwork network, string path, OnnxExportOptions? options, long inlineWeightLimit)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath) || Directory.Exists(fullPath + ".data"))
            throw new ArgumentException($"'{path}' (or its '.data' file) is a folder; name a file, such as '{Path.Combine(path, "model.onnx")}'.", nameof(path));
        bool external = false;
        OnnxExportInfo? info = null;
        // The data file first: a failed export leaves an earlier one as it was, and the model is renamed after the
        // weights it refers to.
        AtomicFile.ReplaceTogether(new[] { fullPath + ".data", fullPath }, temporaries =>
        {
            // The graph holds views of the weights until they are written: no training step may change them meanwhile.
            lock (network.ModeLock)
            {
                var (g, model, described) = BuildGraph(network, options);
                using (g)
                {
                    info = described;
                    external = g.WeightBytes > inlineWeightLimit;
                    if (external)
                    {
                        using var data = new FileStream(temporaries[0], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                        g.WriteExternal(data, Path.GetFileName(fullPath) + ".data");
                    }
                    else
                    {
                        g.WriteInline();
                    }
                    using var stream = new FileStream(temporaries[1], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                    model.WriteTo(stream);
                }
            }
        });
        // An earlier export to this path may have left weights beside it that no model refers to any more; served
        // or copied with the new model, they would only mislead. Deleted after the new model is in place.
        if (!external) File.Delete(fullPath + ".data");
        return info! with { ExternalData = external ? fullPath + ".data" : null };
    }

    /// <summary>The ONNX model of <paramref name="network"/> as bytes (e.g. for an in-memory InferenceSession).</summary>
    /// <exception cref="NotSupportedException">The weights are too large for one protobuf message (about 2 GB):
    /// use <see cref="Export(RecNetwork, string)"/>, which writes them to an external data file.</exception>
    public static byte[] ToBytes(RecNetwork network) => ToBytes(network, null, InlineWeightLimit);

    /// <summary><see cref="ToBytes(RecNetwork)"/> with <paramref name="options"/> (see
    /// <see cref="Export(RecNetwork, string, OnnxExportOptions?)"/>).</summary>
    public static byte[] ToBytes(RecNetwork network, OnnxExportOptions? options) => ToBytes(network, options, InlineWeightLimit);

    internal static byte[] ToBytes(RecNetwork network, OnnxExportOptions? options, long inlineWeightLimit)
    {
        ArgumentNullException.ThrowIfNull(network);
        lock (network.ModeLock)
        {
            var (g, model, _) = BuildGraph(network, options);
            using (g)
            {
                long weights = g.WeightBytes;
                if (weights > inlineWeightLimit)
                    throw new NotSupportedException(
                        $"The ONNX model of {network.Schema.RecordName}'s {ModelKind(network)} holds {weights / 1e9:F2} GB of weights, more than one protobuf " +
                        "message can (2 GB), so it cannot be one array of bytes. Export it to a file with OnnxExporter.Export(network, path), " +
                        "which writes the weights to 'path.data' beside it, and create the InferenceSession from that path.");
                g.WriteInline();
                return model.ToByteArray();
            }
        }
    }

    /// <summary>The inputs and outputs an export of <paramref name="network"/> has, without exporting it.</summary>
    public static OnnxExportInfo Describe(RecNetwork network) => new(ModelKind(network), InputInfos(network.Schema), OutputInfos(network));

    private static OnnxExportInfo Describe(RecNetwork network, OnnxExportOptions options) =>
        Describe(network) with { Embeddings = options.Embeddings };

    // The graph's initializers are the weights: read them between training steps, never during one (ModelFile.Save);
    // the caller holds the network's lock until the builder has written them, and disposes the builder.
    private static (OnnxGraphBuilder Graph, ModelProto Model, OnnxExportInfo Info) BuildGraph(RecNetwork network, OnnxExportOptions? options)
    {
        options ??= new OnnxExportOptions();
        if (!Enum.IsDefined(options.Embeddings))
            throw new ArgumentOutOfRangeException(nameof(options), options.Embeddings, "EmbeddingStorage is Float32, Float16 or Int8.");
        var kind = ModelKind(network);
        var g = new OnnxGraphBuilder($"{network.Schema.RecordName}.{kind}", options.Embeddings);
        try
        {
            var info = Describe(network, options);
            return (g, Graph(network, g, kind, info), info);
        }
        catch
        {
            g.Dispose();
            throw;
        }
    }

    private static ModelProto Graph(RecNetwork network, OnnxGraphBuilder g, string kind, OnnxExportInfo info)
    {
        var inputs = new GraphInputs(g, network.Schema);
        switch (network)
        {
            case EsmmNetwork esmm:
            {
                var (ctr, cvr) = EsmmExporter.Logits(g, inputs, esmm);
                var pCtr = ActivationGraph.Logistic(g, ctr, "ctr_sigmoid");
                var pCvr = ActivationGraph.Logistic(g, cvr, "cvr_sigmoid");
                var pCtcvr = g.Node("Mul", new[] { pCtr, pCvr }, "ctcvr_product");
                g.Output(PCtr, pCtr, TensorProto.Types.DataType.Float);
                g.Output(PCvr, pCvr, TensorProto.Types.DataType.Float);
                g.Output(PCtcvr, pCtcvr, TensorProto.Types.DataType.Float);
                break;
            }
            default:
            {
                var logit = network switch
                {
                    WideDeepNetwork w => WideDeepExporter.Logit(g, inputs, w),
                    DeepFmNetwork d => DeepFmExporter.Logit(g, inputs, d),
                    DinNetwork d => DinExporter.Logit(g, inputs, d),
                    _ => throw new NotSupportedException(Unsupported(network)),
                };
                g.Output(Probability, ActivationGraph.Logistic(g, logit, "sigmoid"), TensorProto.Types.DataType.Float);
                break;
            }
        }
        return g.Build(ProducerVersion(), Metadata(network, info), DocString(network, kind, info.Embeddings));
    }

    private static string ModelKind(RecNetwork network) => network switch
    {
        WideDeepNetwork => nameof(WideDeepNetwork),
        DeepFmNetwork => nameof(DeepFmNetwork),
        DinNetwork => nameof(DinNetwork),
        EsmmNetwork => nameof(EsmmNetwork),
        _ => throw new NotSupportedException(Unsupported(network)),
    };

    private static string Unsupported(RecNetwork network) =>
        $"{network.GetType().Name} has no ONNX export; only WideDeepNetwork, DeepFmNetwork, DinNetwork and EsmmNetwork (and their generated subclasses) do.";

    private static IReadOnlyList<OnnxTensorInfo> InputInfos(FeatureSchema schema) => schema.Features.Select(f => f.Kind switch
    {
        FeatureKind.Sparse => new OnnxTensorInfo(f.Name, "int64", new long[] { -1 },
            $"row of table '{f.Table}': id v in [0, {f.Cardinality}) -> v + 2, unseen/out of range -> 1 (OOV); 0 is padding and must not be fed"),
        FeatureKind.Dense => new OnnxTensorInfo(f.Name, "float32", new long[] { -1 }, "raw value"),
        FeatureKind.Sequence => new OnnxTensorInfo(f.Name, "int64", new long[] { -1, f.MaxLen },
            $"rows of table '{f.Table}' (id v in [0, {f.Cardinality}) -> v + 2, unseen -> 1), oldest to newest, the most recent {f.MaxLen} kept, padded with 0 at the end"),
        _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
    }).ToArray();

    private static IReadOnlyList<OnnxTensorInfo> OutputInfos(RecNetwork network) => network.Task == TaskKind.Esmm
        ? new[]
        {
            new OnnxTensorInfo(PCtr, "float32", new long[] { -1 }, "probability of a click"),
            new OnnxTensorInfo(PCvr, "float32", new long[] { -1 }, "probability of a conversion given a click"),
            new OnnxTensorInfo(PCtcvr, "float32", new long[] { -1 }, "probability of a click and a conversion (p_ctr x p_cvr)"),
        }
        : new[] { new OnnxTensorInfo(Probability, "float32", new long[] { -1 }, "probability of the label") };

    // Serving code can read these from InferenceSession.ModelMetadata.CustomMetadataMap.
    private static Dictionary<string, string> Metadata(RecNetwork network, OnnxExportInfo info)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["recdsl.record"] = network.Schema.RecordName,
            ["recdsl.model"] = info.Model,
            ["recdsl.fingerprint"] = network.Schema.Fingerprint,
            ["recdsl.inputs"] = "table rows: real id v -> row v + 2, unseen or out of range -> 1 (OOV), 0 = sequence padding at the end",
            ["recdsl.embeddings"] = info.Embeddings.ToString().ToLowerInvariant(),
        };
        foreach (var input in info.Inputs) metadata["recdsl.input." + input.Name] = input.Description;
        // Strings reach the graph as rows of the model's vocabularies: a server mapping them with other ones (a file
        // refitted or from another run) would feed other tokens' rows without a word. Only generated models have them.
        if (network.VocabulariesOfBatches is { } vocabularies) metadata["recdsl.vocabulary"] = vocabularies.Digest;
        return metadata;
    }

    private static string DocString(RecNetwork network, string kind, EmbeddingStorage embeddings) =>
        $"{kind} for {network.Schema.RecordName}, exported by RecDsl in eval mode (BatchNorm folded, Dice running statistics, no dropout)" +
        (embeddings == EmbeddingStorage.Float32 ? "." : $", embedding tables stored as {embeddings.ToString().ToLowerInvariant()}.");

    private static string ProducerVersion() =>
        typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
