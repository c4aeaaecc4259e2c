using RecDsl.Training;

namespace RecDsl.Tests.Training;

/// <summary>
/// The framing written straight to the file and verified by reading it through in blocks (1 MB): a payload of
/// several blocks comes back as written, with its length and position, and damage in any block or a cut anywhere is
/// found before a byte of it is handed out.
/// </summary>
public sealed class CheckpointFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-checkpoint-file-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private string Written(byte[] payload)
    {
        var path = Path.Combine(folder, "f.recdsl");
        CheckpointFile.Write(path, PayloadKind.Model, w =>
        {
            // In uneven pieces, as the writers' primitives and tensor parts arrive.
            for (int at = 0; at < payload.Length; at += 777_777) w.Write(payload.AsSpan(at, Math.Min(777_777, payload.Length - at)));
        });
        return path;
    }

    private static byte[] Read(string path)
    {
        using var payload = CheckpointFile.OpenPayload(path, PayloadKind.Model);
        var copy = new MemoryStream();
        Assert.Equal(0, payload.Position);
        long length = payload.Length;
        payload.CopyTo(copy);
        Assert.Equal(length, payload.Position);
        Assert.Equal(0, payload.Read(new byte[8])); // the checksum after the payload is not part of it
        return copy.ToArray();
    }

    [Fact]
    public void A_payload_of_several_blocks_comes_back_as_written_inside_its_frame()
    {
        var payload = Payload(3_500_000);
        var path = Written(payload);

        Assert.Equal(payload, Read(path));
        // Magic, version, length (kind byte included), kind, payload, checksum.
        var file = File.ReadAllBytes(path);
        Assert.Equal(8 + 4 + 8 + 1 + payload.Length + 8, file.Length);
        Assert.Equal(1L + payload.Length, BitConverter.ToInt64(file, 12));
        Assert.Equal((byte)PayloadKind.Model, file[20]);
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64(file.AsSpan(20, 1 + payload.Length)), BitConverter.ToUInt64(file, file.Length - 8));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_500_000)]  // second block
    [InlineData(3_499_990)]  // last block
    public void Damage_in_any_block_is_found(int at)
    {
        var path = Written(Payload(3_500_000));
        var file = File.ReadAllBytes(path);
        file[21 + at] ^= 0x01;
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.OpenPayload(path, PayloadKind.Model));

        Assert.Equal($"Saved model '{path}' is corrupt: its checksum does not match its content (the file was damaged or edited).", error.Message);
    }

    [Theory]
    [InlineData(2_000_000)]
    [InlineData(3_500_025)]  // only the checksum's last bytes missing
    public void A_cut_anywhere_is_truncation(int keep)
    {
        var path = Written(Payload(3_500_000));
        var file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file[..keep]);

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.OpenPayload(path, PayloadKind.Model));

        Assert.Equal($"Saved model '{path}' is truncated: {keep} of {file.Length} bytes (an interrupted copy or a full disk?).", error.Message);
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_one()
    {
        var path = Written(Payload(10));

        Assert.Throws<InvalidOperationException>(() => CheckpointFile.Write(path, PayloadKind.Model, w =>
        {
            w.Write(new byte[2_000_000]);
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal(Payload(10), Read(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder));
    }

    // The one size that matters: a tensor's bytes as one span end at int.MaxValue. 2 GB and 4 KB of Int32, written
    // to a file and read back whole (about 4.3 GB of memory and 2 GB of disk for a few seconds).
    [Fact]
    public void A_tensor_of_more_than_2_GB_round_trips_through_a_file()
    {
        const long elements = (1L << 29) + 1024;
        var path = Path.Combine(folder, "large.recdsl");
        using (var large = TorchSharp.torch.arange(elements, dtype: TorchSharp.torch.ScalarType.Int32))
        {
            Assert.True(elements * 4 > int.MaxValue);
            CheckpointFile.Write(path, PayloadKind.Model, w => TensorFormat.Write(w, large));
        }
        Assert.Equal(8 + 4 + 8 + 1 + (4 + 4 + 8 + 8 + elements * 4) + 8, new FileInfo(path).Length);

        using var payload = CheckpointFile.OpenPayload(path, PayloadKind.Model);
        using var reader = new BinaryReader(payload);
        using var back = TensorFormat.Read(reader);
        using var expected = TorchSharp.torch.arange(elements, dtype: TorchSharp.torch.ScalarType.Int32);

        Assert.Equal(new[] { elements }, back.shape);
        using (var same = back.eq(expected).all()) Assert.True(same.item<bool>(), "the values differ");
        Assert.Equal(payload.Length, payload.Position);
    }
}
