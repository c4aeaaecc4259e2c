using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class EmbeddingTableTests
{
    [Fact]
    public void Padding_row_starts_at_zero_and_the_others_do_not()
    {
        using var scope = torch.NewDisposeScope();
        using var table = new EmbeddingTable(10, 4);
        var w = Values(table.Weight);
        Assert.All(w.Take(4), v => Assert.Equal(0.0, v));
        for (int row = 1; row < 10; row++)
            Assert.Contains(w.Skip(row * 4).Take(4), v => v != 0);
    }

    [Fact]
    public void Lookup_returns_the_weight_rows_for_any_shape_including_the_oov_row()
    {
        using var scope = torch.NewDisposeScope();
        using var table = new EmbeddingTable(10, 3);
        var rows = new long[] { 1, 2, 9, 1, 5, 0 };
        var output = table.call(Rows(rows, 2, 3));
        Assert.Equal(new long[] { 2, 3, 3 }, output.shape);
        var w = Values(table.Weight);
        var expected = rows.SelectMany(r => w.Skip((int)r * 3).Take(3)).ToArray();
        Close(expected, output, 0, 0);
    }

    // Load builds its network without drawing the tables' values (every weight is read next). The skip must end with
    // the call, also when it throws: a flag left set would give every later model nn.Embedding's N(0, 1) weights.
    [Fact]
    public void Tables_built_without_initial_values_keep_nn_Embedding_s_and_the_skip_ends_with_the_call()
    {
        using var scope = torch.NewDisposeScope();
        static double Largest(EmbeddingTable t) => Values(t.Weight).Max(Math.Abs);

        using var skipped = EmbeddingTable.WithoutInitialValues(() => new EmbeddingTable(2_000, 4, initStd: 0));
        Assert.True(Largest(skipped) > 1, "initStd 0 was applied: the values were drawn");
        Assert.Throws<InvalidOperationException>(() => EmbeddingTable.WithoutInitialValues<EmbeddingTable>(() => throw new InvalidOperationException()));

        using var after = new EmbeddingTable(2_000, 4, initStd: 0);
        Assert.Equal(0, Largest(after));
    }

    [Fact]
    public void Zero_std_starts_every_row_at_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var table = new EmbeddingTable(6, 1, initStd: 0);
        Assert.All(Values(table.Weight), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Sparse_gradients_are_sparse_and_touch_only_looked_up_rows()
    {
        using var scope = torch.NewDisposeScope();
        using var sparse = new EmbeddingTable(8, 2, sparseGradients: true);
        sparse.call(Rows(new long[] { 3, 3, 5 }, 3)).sum().backward();
        var grad = sparse.Weight.grad!;
        Assert.True(grad.is_sparse);
        var dense = Values(grad.to_dense());
        for (int row = 0; row < 8; row++)
        {
            var expected = row == 3 ? 2.0 : row == 5 ? 1.0 : 0.0;
            Assert.Equal(expected, dense[row * 2]);
            Assert.Equal(expected, dense[row * 2 + 1]);
        }

        using var plain = new EmbeddingTable(8, 2);
        plain.call(Rows(new long[] { 3 }, 1)).sum().backward();
        Assert.False(plain.Weight.grad!.is_sparse);
    }

    [Fact]
    public void Switching_to_sparse_gradients_keeps_the_weight_its_values_and_the_state_dict()
    {
        using var scope = torch.NewDisposeScope();
        using var table = new EmbeddingTable(8, 2);
        var keys = table.state_dict().Keys.ToArray();
        var rows = Rows(new long[] { 3, 3, 5 }, 3);
        var dense = Values(table.call(rows));

        table.SparseGradients = true;
        var sparseOutput = table.call(rows);
        sparseOutput.sum().backward();

        Assert.Equal(dense, Values(sparseOutput));
        Assert.True(table.Weight.grad!.is_sparse);
        Assert.Equal(keys, table.state_dict().Keys.ToArray());
        Assert.Single(table.parameters());

        // The sparse lookup follows the weight when it is overwritten (as a checkpoint load does).
        using (torch.no_grad()) table.Weight.fill_(2f);
        Assert.All(Values(table.call(rows)), v => Assert.Equal(2.0, v));

        table.Weight.grad = null;
        table.SparseGradients = false;
        table.call(rows).sum().backward();
        Assert.False(table.Weight.grad!.is_sparse);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_init_std_that_is_negative_or_not_finite_is_refused(double initStd)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingTable(10, 4, initStd: initStd));
        Assert.Equal("initStd", error.ParamName);
    }
}

/// <summary>Runs alone: it watches torch's global generator, which any test running beside it may draw from.</summary>
[CollectionDefinition(nameof(GlobalGenerator), DisableParallelization = true)]
public sealed class GlobalGenerator { }

[Collection(nameof(GlobalGenerator))]
public class EmbeddingTableGeneratorTests
{
    [Fact]
    public void A_first_sparse_lookup_draws_nothing_from_torchs_generator()
    {
        // A resumed run's fresh network makes its first sparse lookup in a later epoch than the uninterrupted run
        // did; a draw there shifted every dropout mask after it, and LazyAdam runs with dropout resumed differently.
        using var scope = torch.NewDisposeScope();
        using var table = new EmbeddingTable(8, 2) { SparseGradients = true };
        torch.manual_seed(7);
        var expected = Values(torch.rand(5));
        torch.manual_seed(7);
        table.call(Rows(new long[] { 3, 5 }, 2));
        Assert.Equal(expected, Values(torch.rand(5)));
    }
}
