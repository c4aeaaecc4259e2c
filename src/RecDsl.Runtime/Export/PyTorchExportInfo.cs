namespace RecDsl.Export;

/// <summary>What <see cref="PyTorchExporter.Export"/> wrote.</summary>
/// <param name="ClassName">The PyTorch module class (also the file name, <c>{ClassName}.py</c>).</param>
/// <param name="ModulePath">Path of the generated module source.</param>
/// <param name="WeightsPath">Path of the safetensors weights.</param>
/// <param name="Weights">Every saved tensor with its name, dtype, shape and meaning (also written as weights.json).</param>
public sealed record PyTorchExportInfo(string ClassName, string ModulePath, string WeightsPath, IReadOnlyList<WeightInfo> Weights);
