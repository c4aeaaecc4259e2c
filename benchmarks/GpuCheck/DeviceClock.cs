using System.Diagnostics;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck;

/// <summary>
/// Wall time of device work: CUDA kernels run asynchronously, so the clock synchronises the device when it starts
/// and when it stops; otherwise it would time how fast the host queues work, not how fast the GPU does it.
/// </summary>
internal sealed class DeviceClock(Device device)
{
    private readonly Stopwatch watch = new();

    /// <summary>Waits for queued work, then starts.</summary>
    public void Start()
    {
        Synchronize();
        watch.Restart();
    }

    /// <summary>Waits for queued work, then returns the seconds since <see cref="Start"/>.</summary>
    public double Stop()
    {
        Synchronize();
        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    private void Synchronize()
    {
        if (device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize(device);
    }
}
