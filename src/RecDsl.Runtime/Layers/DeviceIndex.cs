using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// A constant Int64 vector (row offsets, column indices) kept on the host and copied once to whatever device
/// the inputs live on. It is deliberately not a module buffer: TorchSharp's <c>Module.to(dtype)</c> would
/// convert an Int64 buffer to floating point, and these values are derived from the schema, not learned, so
/// they do not belong in checkpoints.
/// </summary>
internal sealed class DeviceIndex : IDisposable
{
    private readonly long[] values;
    private Tensor? cached;

    public DeviceIndex(IReadOnlyList<long> values) => this.values = values.ToArray();

    /// <summary>The host values.</summary>
    public IReadOnlyList<long> Values => values;

    /// <summary>The values as an Int64 tensor on the device of <paramref name="like"/>.</summary>
    public Tensor On(Tensor like)
    {
        var type = like.device_type;
        var index = like.device_index;
        if (cached is null || cached.device_type != type || cached.device_index != index)
        {
            cached?.Dispose();
            // Detached: the first call usually happens inside a forward pass's dispose scope.
            cached = torch.tensor(values, dtype: ScalarType.Int64, device: new Device(type, index)).DetachFromDisposeScope();
        }
        return cached;
    }

    public void Dispose()
    {
        cached?.Dispose();
        cached = null;
    }
}
