namespace RecDsl.Export;

/// <summary>What an exported ONNX model takes and returns.</summary>
/// <param name="Model">Network type that was exported (e.g. <c>DinNetwork</c>).</param>
/// <param name="Inputs">Graph inputs, one per feature of the record, in declaration order.</param>
/// <param name="Outputs">Graph outputs: <c>probability</c>, or <c>p_ctr</c>, <c>p_cvr</c>, <c>p_ctcvr</c> for ESMM.</param>
public sealed record OnnxExportInfo(string Model, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs)
{
    /// <summary>The external data file that <see cref="OnnxExporter.Export(Models.RecNetwork, string)"/> wrote the weights to
    /// (<c>{path}.data</c>, beside the model) when they were too large for the .onnx file itself (about 2 GB); null
    /// when the model file holds them all.</summary>
    public string? ExternalData { get; init; }

    /// <summary>How the embedding tables are stored in the graph (<see cref="OnnxExportOptions.Embeddings"/>; also
    /// the model's <c>recdsl.embeddings</c> metadata).</summary>
    public EmbeddingStorage Embeddings { get; init; }
}

/// <summary>One graph input or output.</summary>
/// <param name="Name">The name to feed or fetch: the record member's name for inputs.</param>
/// <param name="ElementType"><c>int64</c> or <c>float32</c>.</param>
/// <param name="Shape">Dimensions; -1 is the dynamic batch dimension.</param>
/// <param name="Description">What the values are (for inputs: table rows and their range, or raw values).</param>
public sealed record OnnxTensorInfo(string Name, string ElementType, IReadOnlyList<long> Shape, string Description);
