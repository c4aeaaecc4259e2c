namespace RecDsl.Export;

/// <summary>One saved parameter or buffer: its state_dict / safetensors name, dtype, shape and meaning.</summary>
/// <param name="Name">Key in the safetensors file and in the PyTorch module's state_dict.</param>
/// <param name="DType">safetensors dtype: <c>F32</c> or <c>I64</c>.</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Meaning">What the tensor holds (for fused embeddings: which rows belong to which table).</param>
public sealed record WeightInfo(string Name, string DType, IReadOnlyList<long> Shape, string Meaning);
