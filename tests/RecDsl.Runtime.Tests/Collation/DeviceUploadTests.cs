using RecDsl.Collation;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Tests.Collation;

/// <summary>The collator's uploads. The CUDA path (pinned staging, non-blocking copy) runs in benchmarks/GpuCheck on
/// a GPU machine; here: the CPU path, which path each device takes, and the shared view the CUDA path pins from.</summary>
public class DeviceUploadTests
{
    [Fact]
    public void Cpu_uploads_copy_the_first_rows_into_a_tensor_the_batch_owns()
    {
        var host = new long[] { 1, 2, 3, 4, 5, 6, 99, 99 }; // a reused buffer: capacity beyond this batch's rows
        using var t = DeviceUpload.Int64(host, new long[] { 3, 2 }, CPU);
        host[0] = -1; // the collator refills its buffer for the next batch

        Assert.Equal(new long[] { 3, 2 }, t.shape);
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, t.data<long>().ToArray());
    }

    [Fact]
    public void Float_uploads_and_empty_blocks_keep_their_shape()
    {
        using var t = DeviceUpload.Float32(new float[] { 0.5f, 1.5f, 9f }, new long[] { 2 }, CPU);
        Assert.Equal(new[] { 0.5f, 1.5f }, t.data<float>().ToArray());

        using var empty = DeviceUpload.Float32(Array.Empty<float>(), new long[] { 4, 0 }, CPU);
        Assert.Equal(new long[] { 4, 0 }, empty.shape);
    }

    [Fact]
    public void A_shape_larger_than_the_buffer_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DeviceUpload.Int64(new long[3], new long[] { 2, 2 }, CPU));
    }

    [Fact]
    public void Only_cuda_goes_through_pinned_staging()
    {
        Assert.True(DeviceUpload.IsStaged(new Device(DeviceType.CUDA, 0)));
        Assert.True(DeviceUpload.IsStaged(new Device(DeviceType.CUDA, 3)));
        Assert.False(DeviceUpload.IsStaged(CPU));
        Assert.False(DeviceUpload.IsStaged(device("meta")));
    }

    [Fact]
    public void The_view_the_cuda_path_pins_from_has_the_batch_shape_and_shares_the_buffer()
    {
        var host = new long[] { 10, 11, 12, 13, 14, 15, 16, 17 };
        using var rows = DeviceUpload.SharedRows(host, new long[] { 2, 3 });

        Assert.Equal(new long[] { 2, 3 }, rows.shape);
        Assert.Equal(new long[] { 10, 11, 12, 13, 14, 15 }, rows.data<long>().ToArray());
        host[4] = 400; // no copy was made: pin_memory reads the current contents
        Assert.Equal(400L, rows[1, 1].item<long>());
    }

    [Fact]
    public void Meta_uploads_take_the_plain_copy()
    {
        using var t = DeviceUpload.Int64(new long[] { 1, 2 }, new long[] { 2 }, device("meta"));
        Assert.Equal(DeviceType.META, t.device_type);
    }
}
