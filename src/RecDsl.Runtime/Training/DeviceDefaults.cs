using TorchSharp;

namespace RecDsl.Training;

/// <summary>
/// Choices that depend on the training device, made by measurement (docs/benchmarks.md) and applied when an option
/// is left null.
/// </summary>
public static class DeviceDefaults
{
    /// <summary>The optimizer when <see cref="TrainerOptions.Optimizer"/> is null.</summary>
    /// <remarks>
    /// CPU: <see cref="OptimizerKind.LazyAdam"/>. Dense Adam reads and writes every row of every table in every step
    /// (weight, gradient and both moments), which on the CPU costs more than the whole forward and backward pass of a
    /// DeepFM over a Criteo-sized table; row-wise updates touch only the rows of the batch. CUDA:
    /// <see cref="OptimizerKind.Adam"/>, the fused table with dense Adam measured on an H200 (notes in
    /// docs/benchmarks.md), and LazyAdam's <c>unique</c> costs a device-to-host sync per table and step there. The CUDA
    /// choice is re-measured in the GPU benchmarks.
    /// </remarks>
    public static OptimizerKind Optimizer(DeviceType device) =>
        device == DeviceType.CPU ? OptimizerKind.LazyAdam : OptimizerKind.Adam;
}
