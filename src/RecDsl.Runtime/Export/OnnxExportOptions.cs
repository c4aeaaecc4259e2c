namespace RecDsl.Export;

/// <summary>Choices of an ONNX export; the defaults give the exact model.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>How the embedding tables are stored (<see cref="EmbeddingStorage.Float32"/> by default: exact).
    /// <see cref="EmbeddingStorage.Float16"/> halves a model's size; <see cref="EmbeddingStorage.Int8"/> stores a
    /// quarter of the table bytes plus a scale per row (a Criteo-shaped DeepFM: 37% of its size); docs/serving.md
    /// gives what each cost in AUC on a trained model.</summary>
    public EmbeddingStorage Embeddings { get; init; } = EmbeddingStorage.Float32;
}
