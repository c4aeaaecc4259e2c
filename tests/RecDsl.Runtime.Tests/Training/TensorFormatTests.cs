using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Tests.Training;

/// <summary>
/// Tensors go to and from checkpoint files in parts (<see cref="TensorFormat.PartBytes"/>), because a tensor's bytes
/// as one span end at 2 GB. Small parts here put the part boundaries mid-row and mid-tensor; the bytes must come back
/// the same whatever the parts were, and a length that the file cannot hold must fail before anything is allocated.
/// </summary>
public sealed class TensorFormatTests
{
    private static byte[] RoundTrip(Tensor tensor, long writeParts, long readParts, out Tensor back)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) TensorFormat.Write(writer, tensor, writeParts);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        back = TensorFormat.Read(reader, readParts);
        Assert.Equal(stream.Length, stream.Position);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(12, 12)]     // 3 floats a part: boundaries inside the rows of 5
    [InlineData(4, 1_000)]   // one element a part on the way out, all at once on the way in
    [InlineData(1_000, 8)]
    [InlineData(1, 1)]       // below one element: one element a part
    public void A_tensor_comes_back_bitwise_whatever_the_parts(long writeParts, long readParts)
    {
        using var floats = arange(35, dtype: ScalarType.Float32).reshape(7, 5).div(7);
        using var ids = arange(-6, 6, dtype: ScalarType.Int64).reshape(3, 2, 2);

        foreach (var tensor in new[] { floats, ids })
        {
            var bytes = RoundTrip(tensor, writeParts, readParts, out var back);
            using (back)
            {
                Assert.Equal(tensor.dtype, back.dtype);
                Assert.Equal(tensor.shape, back.shape);
                Assert.Equal(tensor.bytes.ToArray(), back.bytes.ToArray());
            }
            // The layout does not depend on the parts: dtype, rank, shape, length, then the values in order.
            Assert.Equal(tensor.bytes.ToArray(), bytes[^(int)(tensor.numel() * tensor.ElementSize)..]);
        }
    }

    [Fact]
    public void A_view_is_written_as_its_own_values_not_its_storage()
    {
        using var storage = arange(40, dtype: ScalarType.Float32).reshape(8, 5);
        using var view = storage.narrow(0, 3, 4).t(); // offset and transposed: not contiguous

        RoundTrip(view, writeParts: 8, readParts: 8, out var back);

        using (back) Assert.Equal(view.contiguous().data<float>().ToArray(), back.data<float>().ToArray());
    }

    [Fact]
    public void Scalars_and_empty_tensors_round_trip()
    {
        using var scalar = tensor(2.5f);
        using var empty = zeros(0, 4);
        RoundTrip(scalar, 4, 4, out var scalarBack);
        RoundTrip(empty, 4, 4, out var emptyBack);
        using (scalarBack) Assert.Equal(2.5f, scalarBack.item<float>());
        using (emptyBack) Assert.Equal(new long[] { 0, 4 }, emptyBack.shape);
    }

    [Fact]
    public void A_length_longer_than_what_is_left_fails_before_allocating()
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((int)ScalarType.Float32);
            writer.Write(1);
            writer.Write(1L << 40);       // a trillion floats
            writer.Write(4L << 40);
            writer.Write(new byte[16]);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var error = Assert.Throws<InvalidDataException>(() => TensorFormat.Read(reader));

        Assert.Equal("A Float32 tensor of shape [1099511627776] announces 4398046511104 bytes, but 16 are left.", error.Message);
    }

    private static BinaryReader Named(params (string Name, Tensor Tensor)[] tensors)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) TensorFormat.Write(writer, tensors);
        stream.Position = 0;
        return new BinaryReader(stream);
    }

    [Fact]
    public void Named_tensors_are_read_straight_into_the_network_s_tensors()
    {
        using var weight = arange(35, dtype: ScalarType.Float32).reshape(7, 5).div(3);
        using var steps = tensor(new long[] { 4, -2, 9 });
        using var reader = Named(("w", weight), ("steps", steps));
        using var w = zeros(7, 5);
        using var st = zeros(3, dtype: ScalarType.Int64);

        TensorFormat.ReadInto(reader, new Dictionary<string, Tensor> { ["steps"] = st, ["w"] = w }, "weights", partBytes: 12);

        Assert.Equal(weight.data<float>().ToArray(), w.data<float>().ToArray());
        Assert.Equal(new long[] { 4, -2, 9 }, st.data<long>().ToArray());
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
    }

    [Fact]
    public void A_shape_that_does_not_fit_is_refused_before_any_tensor_changes()
    {
        using var first = ones(2, 3);
        using var second = ones(4);
        using var reader = Named(("a", first), ("b", second));
        using var a = zeros(2, 3);
        using var b = zeros(5);

        var error = Assert.Throws<CheckpointException>(() => TensorFormat.ReadInto(reader, new Dictionary<string, Tensor> { ["a"] = a, ["b"] = b }, "weights"));

        Assert.Equal("The weights 'b' is Float32 [4] in the checkpoint but Float32 [5] in the network.", error.Message);
        Assert.Equal(0, a.sum().item<float>()); // 'a' comes first in the file and fits, but was not written
    }

    [Fact]
    public void Missing_and_unexpected_names_are_listed_together()
    {
        using var t = ones(2);
        using var reader = Named(("a", t), ("old", t));
        using var a = zeros(2);
        using var added = zeros(2);

        var error = Assert.Throws<CheckpointException>(() => TensorFormat.ReadInto(reader, new Dictionary<string, Tensor> { ["a"] = a, ["new"] = added }, "weights"));

        Assert.Equal("The weights do not match the network: missing [new], unexpected [old].", error.Message);
        Assert.Equal(0, a.sum().item<float>());
    }

    // A GPU tensor is filled through one part-sized host tensor and copy_; the same path, taken on the CPU here.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Values_are_read_in_place_or_through_a_host_part_to_the_same_tensor(bool viaHostPart)
    {
        using var source = arange(37, dtype: ScalarType.Float32).mul(1.5).reshape(37, 1);
        using var reader = Named(("x", source));
        reader.ReadInt32();
        Assert.Equal("x", reader.ReadString());
        using var destination = full(37, 1, -1f);

        TensorFormat.ReadValues(reader, destination, TensorFormat.ReadHeader(reader), partBytes: 20, viaHostPart);

        Assert.Equal(source.data<float>().ToArray(), destination.data<float>().ToArray());
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
    }
}
