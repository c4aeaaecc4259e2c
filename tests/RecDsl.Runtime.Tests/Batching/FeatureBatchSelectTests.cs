using RecDsl.Batching;
using static TorchSharp.torch;

namespace RecDsl.Tests.Batching;

public class FeatureBatchSelectTests
{
    /// <summary>A derived batch, as the generator emits one per record.</summary>
    private sealed class TypedBatch(int count, Tensor sparse, Tensor dense, IReadOnlyList<Tensor> sequences, Tensor? label, long[]? groups)
        : FeatureBatch(count, sparse, dense, sequences, label, groups: groups)
    {
        protected override FeatureBatch Rebuild(int count, Tensor sparseRows, Tensor dense, IReadOnlyList<Tensor> sequenceRows,
            Tensor? label, Tensor? clickLabel, Tensor? conversionLabel, long[]? groups) =>
            new TypedBatch(count, sparseRows, dense, sequenceRows, label, groups);
    }

    private static TypedBatch Sample() => new(
        4,
        tensor(new long[] { 10, 11, 20, 21, 30, 31, 40, 41 }, [4, 2]),
        tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.4f }, [4, 1]),
        [tensor(new long[] { 1, 0, 2, 3, 4, 0, 5, 6 }, [4, 2])],
        tensor(new float[] { 1, 0, 1, 0 }),
        [100, 200, 300, 400]);

    [Fact]
    public void Select_takes_the_given_rows_of_every_tensor_and_group_and_keeps_the_type()
    {
        using var batch = Sample();
        using var rows = tensor(new long[] { 3, 0, 3 });

        using var selected = batch.Select(rows);

        Assert.IsType<TypedBatch>(selected);
        Assert.Equal(3, selected.Count);
        Assert.Equal([40L, 41, 10, 11, 40, 41], selected.SparseRows.data<long>().ToArray());
        Assert.Equal([0.4f, 0.1f, 0.4f], selected.Dense.data<float>().ToArray());
        Assert.Equal([5L, 6, 1, 0, 5, 6], selected.SequenceRows[0].data<long>().ToArray());
        Assert.Equal([0f, 1, 0], selected.Label!.data<float>().ToArray());
        Assert.Equal([400L, 100, 400], selected.Groups!);
        Assert.Null(selected.ClickLabel);
    }

    [Fact]
    public void Select_owns_new_tensors_so_disposing_it_leaves_the_source_intact()
    {
        using var batch = Sample();
        using var rows = tensor(new long[] { 1 });

        batch.Select(rows).Dispose();

        Assert.Equal(0.2f, batch.Dense[1, 0].item<float>());
    }

    [Fact]
    public void Row_indices_must_be_a_1d_int64_tensor()
    {
        using var batch = Sample();
        using var rows = tensor(new int[] { 0, 1 });

        var e = Assert.Throws<ArgumentException>(() => batch.Select(rows));

        Assert.Contains("1-D Int64", e.Message);
    }
}
