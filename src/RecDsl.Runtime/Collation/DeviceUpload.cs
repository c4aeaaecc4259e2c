using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Collation;

/// <summary>
/// Turns the first rows of a reused host buffer into a tensor on the target device.
/// <list type="bullet">
/// <item>CPU: one copy into a fresh tensor through <c>Tensor.bytes</c>; the batch owns it.</item>
/// <item>CUDA: one copy into page-locked (pinned) host memory, then a non-blocking copy to the device, so the
/// host goes on collating the next batch while the DMA runs and the training step never waits for the host.</item>
/// </list>
/// </summary>
/// <remarks>
/// Synchronisation (CUDA): the pinned staging memory comes from PyTorch's caching host allocator
/// (<c>Tensor.pin_memory()</c>). A non-blocking copy records a CUDA event on the block it reads, and the allocator
/// hands that block out again only after the event has completed. So the staging tensor is disposed right after
/// the copy is queued, the next batch can never overwrite memory a copy is still reading, and after the first
/// batches no new pinned memory is allocated (the blocks are cached). TorchSharp 0.107 has no CUDA events or
/// streams, so a hand-rolled double buffer could not know when its copy finished; this is PyTorch's own mechanism
/// (the one its DataLoader's pin_memory relies on). Every copy goes to the current stream, so the consumers of the
/// batch, on the same stream, run after it.
/// </remarks>
internal static class DeviceUpload
{
    /// <summary>Int64 tensor of <paramref name="shape"/> from the first elements of <paramref name="host"/>.</summary>
    public static Tensor Int64(long[] host, long[] shape, Device device) => Upload(host, shape, ScalarType.Int64, device);

    /// <summary>Float32 tensor of <paramref name="shape"/> from the first elements of <paramref name="host"/>.</summary>
    public static Tensor Float32(float[] host, long[] shape, Device device) => Upload(host, shape, ScalarType.Float32, device);

    /// <summary>True when uploads to <paramref name="device"/> go through pinned staging and non-blocking copies.</summary>
    public static bool IsStaged(Device device) => device.type == DeviceType.CUDA;

    private static Tensor Upload<T>(T[] host, long[] shape, ScalarType type, Device device) where T : unmanaged
    {
        long count = Count(shape);
        if (count > host.Length) throw new ArgumentException($"The buffer holds {host.Length} values; shape needs {count}.", nameof(host));

        if (!IsStaged(device))
        {
            var cpu = empty(shape, type);
            if (count > 0) host.AsSpan(0, (int)count).CopyTo(MemoryMarshal.Cast<byte, T>(cpu.bytes));
            return device.type == DeviceType.CPU ? cpu : MoveBlocking(cpu, device);
        }
        if (count == 0) return empty(shape, type, device);

        // pin_memory copies the batch's rows into a pinned block synchronously, so the caller may refill the managed
        // buffer as soon as this returns; the device copy then runs on its own.
        using var rows = SharedRows(host, shape);
        using var pinned = rows.pin_memory();
        return pinned.to(device, non_blocking: true);
    }

    /// <summary>The first elements of <paramref name="host"/> as a CPU tensor of <paramref name="shape"/> that shares the
    /// managed array's memory (no copy; the array stays pinned by the GC until the tensor is disposed).</summary>
    internal static Tensor SharedRows<T>(T[] host, long[] shape) where T : unmanaged
    {
        using var whole = from_array(host);
        using var rows = whole.narrow(0, 0, Count(shape));
        return rows.view(shape);
    }

    private static long Count(long[] shape)
    {
        long count = 1;
        foreach (var size in shape) count *= size;
        return count;
    }

    // Devices other than CPU and CUDA (e.g. meta in tests): a plain copy.
    private static Tensor MoveBlocking(Tensor cpu, Device device)
    {
        using (cpu) return cpu.to(device);
    }
}
