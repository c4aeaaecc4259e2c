using TorchSharp;

namespace RecDsl.Layers;

/// <summary>How <see cref="DinAttention"/> runs its activation unit over a padded history. Both give the same values
/// and gradients; they differ in work and in host syncs.</summary>
public enum PositionPacking
{
    /// <summary>Packed on the CPU, padded on CUDA: packing needs the number of real positions on the host, which on
    /// a GPU is a device-to-host sync every step (the GPU check measures both; docs/benchmarks.md).</summary>
    Auto,

    /// <summary>Every position of [B, L] is scored and the padded ones are masked: no data-dependent shapes.</summary>
    Padded,

    /// <summary>Only the real positions are gathered, scored and scattered back: less work the more padding there is.</summary>
    Packed,
}

/// <summary>The one place that decides what <see cref="PositionPacking.Auto"/> means on each device.</summary>
public static class PositionPackingExtensions
{
    /// <summary>Whether <paramref name="packing"/> scores only the real positions of tensors on <paramref name="device"/>.</summary>
    public static bool Packs(this PositionPacking packing, DeviceType device) =>
        packing == PositionPacking.Packed || (packing == PositionPacking.Auto && device == DeviceType.CPU);
}
