namespace RecDsl.Export;

/// <summary>How an ONNX export stores the embedding tables, which hold nearly all of a recommendation model's bytes
/// (a Criteo-shaped DeepFM: 99% of them). Every other weight (MLP, FM bias, BatchNorm folded in) stays Float32, and
/// the graph computes in Float32 after each lookup; only the looked-up rows are converted.</summary>
public enum EmbeddingStorage
{
    /// <summary>The trained values as they are: the export scores within 1e-5 of <c>Predict</c>.</summary>
    Float32,

    /// <summary>IEEE half precision (round to nearest even): half the bytes; each value keeps 11 significant bits.
    /// A value beyond ±65504 cannot be stored and the export is refused, naming the table.</summary>
    Float16,

    /// <summary>Symmetric 8-bit integers with one Float32 scale per row (<c>scale = max|row| / 127</c>,
    /// <c>q = round(value / scale)</c>, served as <c>q · scale</c>): a quarter of the bytes plus 4 per row. Tables of
    /// dimension 1 (the per-id scalar weights of the wide part and the FM first order) stay Float32: a scale per
    /// value would save nothing.</summary>
    Int8,
}
