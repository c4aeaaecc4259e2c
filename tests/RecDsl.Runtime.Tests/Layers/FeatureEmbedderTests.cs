using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class FeatureEmbedderTests
{
    private const FeatureRoles Deep = FeatureRoles.Deep;

    private static FeatureSchema Schema() => new SchemaBuilder()
        .Sparse("User", 3, 4, Deep)
        .Sparse("Cat", 2, 2, Deep)
        .Sparse("Item", 5, 4, Deep)
        .Dense("Price", Deep)
        .History("Items", "Item", 3, Deep)
        .Sequence("Tags", 4, 2, 2, Deep)
        .Build();

    private static FeatureBatch Batch() => new(2,
        Rows(new long[] { 2, 3, 4, /**/ 1, 2, 6 }, 2, 3),
        torch.zeros(2, 1),
        new[] { Rows(new long[] { 6, 2, 0, /**/ 0, 0, 0 }, 2, 3), Rows(new long[] { 5, 1, /**/ 2, 0 }, 2, 2) });

    private static double[] Row(FusedEmbedding fused, string table, long row)
    {
        var w = Values(fused.Weight);
        var start = (int)(fused.RowOffset(table) + row) * fused.Dim;
        return w.Skip(start).Take(fused.Dim).ToArray();
    }

    [Fact]
    public void One_fused_table_per_dimension_and_each_feature_reads_its_own_tables_rows()
    {
        using var scope = torch.NewDisposeScope();
        var schema = Schema();
        using var embedder = new FeatureEmbedder(schema, schema.Features);
        using var batch = Batch();
        Assert.Equal(2, embedder.Groups.Count);
        Assert.Equal(new[] { 4, 2 }, embedder.Groups.Select(g => g.Dim));

        var looked = embedder.Lookup(batch);
        Assert.Equal(2, looked.Blocks.Count); // one lookup per dimension

        var dim4 = embedder.GroupOf(schema["User"]);
        var dim2 = embedder.GroupOf(schema["Cat"]);
        Close(new[] { 2L, 1L }.SelectMany(r => Row(dim4, "User", r)).ToArray(), looked.Sparse(schema["User"]), 0, 0);
        Close(new[] { 4L, 6L }.SelectMany(r => Row(dim4, "Item", r)).ToArray(), looked.Sparse(schema["Item"]), 0, 0);
        Close(new[] { 3L, 2L }.SelectMany(r => Row(dim2, "Cat", r)).ToArray(), looked.Sparse(schema["Cat"]), 0, 0);
        // The history shares the Item table: the same rows as the Item feature.
        Close(new[] { 6L, 2, 0, 0, 0, 0 }.SelectMany(r => Row(dim4, "Item", r)).ToArray(), looked.Sequence(schema["Items"]), 0, 0);
        Close(new[] { 5L, 1, 2, 0 }.SelectMany(r => Row(dim2, "Tags", r)).ToArray(), looked.Sequence(schema["Tags"]), 0, 0);
    }

    [Fact]
    public void Field_selections_stack_fields_in_the_requested_order()
    {
        using var scope = torch.NewDisposeScope();
        var schema = Schema();
        using var embedder = new FeatureEmbedder(schema, schema.Features);
        using var batch = Batch();
        var inOrder = embedder.SelectFields(new[] { schema["User"], schema["Item"] });
        var reversed = embedder.SelectFields(new[] { schema["Item"], schema["User"] });
        var looked = embedder.Lookup(batch);
        var user = Values(looked.Sparse(schema["User"]));
        var item = Values(looked.Sparse(schema["Item"]));
        double[] Interleave(double[] first, double[] second) =>
            Enumerable.Range(0, 2).SelectMany(b => first.Skip(b * 4).Take(4).Concat(second.Skip(b * 4).Take(4))).ToArray();
        var a = looked.Fields(inOrder);
        Assert.Equal(new long[] { 2, 2, 4 }, a.shape);
        Close(Interleave(user, item), a, 0, 0);
        Close(Interleave(item, user), looked.Fields(reversed), 0, 0);
    }

    [Fact]
    public void Fields_of_different_dimensions_cannot_be_stacked()
    {
        var schema = Schema();
        using var embedder = new FeatureEmbedder(schema, schema.Features);
        Assert.Throws<ArgumentException>(() => embedder.SelectFields(new[] { schema["User"], schema["Cat"] }));
    }

    [Fact]
    public void A_dimension_override_puts_every_table_in_one_group()
    {
        var schema = Schema();
        using var embedder = new FeatureEmbedder(schema, schema.Features, dim: 1);
        Assert.Single(embedder.Groups);
        Assert.Equal(schema.Tables.Sum(t => t.Rows), embedder.Groups[0].Rows);
    }
}
