using RecDsl.Export;
using Shop;
using Sports;
using TorchSharp;

namespace RecDsl.Generated.Tests.Models;

/// <summary>
/// <see cref="ExportInputs"/> turns a collated batch into an exported model's inputs. The graph scores whatever rows it
/// is fed, so the batch is checked as the trainer checks one: its record, its vocabularies (given the network) and its
/// columns. A batch to score has no use for labels, and an empty request gives empty inputs.
/// </summary>
public class ExportInputsTests
{
    private static AdClick[] Records(int count) => Enumerable.Range(0, count)
        .Select(i => new AdClick { UserId = i, AdId = i, Site = "s" + (i % 3), Category = "cat" + (i % 4), Price = i / 2f, Clicked = i % 2 == 0 })
        .ToArray();

    [Fact]
    public void The_arrays_of_a_model_s_own_batch_are_its_columns_in_declaration_order()
    {
        var records = Records(12);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        using var batch = model.CreateCollator().Collate(records);

        var arrays = ExportInputs.Arrays(model, batch);

        Assert.Equal(new[] { "UserId", "AdId", "Site", "Category", "Price" }, arrays.Keys);
        var sparse = batch.SparseRows.data<long>().ToArray();
        var dense = batch.Dense.data<float>().ToArray();
        for (int column = 0; column < 4; column++)
        {
            var input = arrays[model.Schema.Sparse[column].Name];
            Assert.Equal(new[] { 12 }, input.Shape);
            Assert.Equal(Enumerable.Range(0, 12).Select(row => sparse[row * 4 + column]), (long[])input.Values);
        }
        Assert.Equal(dense, (float[])arrays["Price"].Values);
        // Price is collated as is: row i is i / 2.
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 2f), (float[])arrays["Price"].Values);
        // The batch is left as it was: the arrays are copies, and a second call gives the same.
        Assert.Equal(sparse, batch.SparseRows.data<long>().ToArray());
        var again = ExportInputs.Arrays(model, batch);
        Assert.All(arrays, p => Assert.Equal(p.Value.Values, again[p.Key].Values));
    }

    [Fact]
    public void A_sequence_s_input_is_its_padded_rows_most_recent_last()
    {
        var views = Enumerable.Range(0, 5).Select(i => new ItemView
        {
            ItemId = i, CategoryId = i, History = Enumerable.Range(0, i * 6).ToArray(), CategoryHistory = new() { i }, Tags = new[] { "t" + i },
        }).ToArray();
        using var model = new ItemViewDin(ItemViewVocabulary.Fit(views));
        using var batch = model.CreateCollator().Collate(views);

        var history = ExportInputs.Arrays(model, batch)["History"];

        Assert.Equal(new[] { 5, 20 }, history.Shape);
        var values = (long[])history.Values;
        for (int row = 0; row < 5; row++)
        {
            // Item v is row v + 2; a history longer than MaxLen = 20 keeps its last 20 items; padding (row 0) follows.
            var kept = Enumerable.Range(0, row * 6).TakeLast(20).Select(v => (long)v + 2);
            var expected = kept.Concat(Enumerable.Repeat(0L, 20 - kept.Count()));
            Assert.Equal(expected, values.Skip(row * 20).Take(20));
        }
    }

    [Fact]
    public void A_batch_collated_through_other_vocabularies_is_refused_before_anything_is_written()
    {
        var records = Records(12);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        // The same tokens counted in another order: cat3 becomes the most frequent and takes id 0.
        using var other = new AdClickCollator(AdClickVocabulary.Fit(records.Append(records[3]))).Collate(records);

        foreach (var error in new[]
                 {
                     Assert.Throws<ArgumentException>(() => ExportInputs.Arrays(model, other)),
                     Assert.Throws<ArgumentException>(() => ExportInputs.Tensors(model, other)),
                 })
            Assert.StartsWith("The batch was collated with other vocabularies than this model's: table 'Category' has token 'cat3' at id 0 where the model has 'cat0'", error.Message);

        var folder = Path.Combine(Path.GetTempPath(), $"recdsl-roundtrip-{Guid.NewGuid():N}");
        var roundTrip = Assert.Throws<ArgumentException>(() => PyTorchExporter.WriteRoundTrip(model, other, folder));
        Assert.StartsWith("The batch was collated with other vocabularies", roundTrip.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_batch_of_another_record_is_refused_with_or_without_the_network()
    {
        var records = Records(4);
        using var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        using var match = new MatchWideDeep(MatchVocabulary.Fit(new[] { new Match { Home = "a", Away = "b", Round = 1 } }));
        using var batch = model.CreateCollator().Collate(records);

        var withNetwork = Assert.Throws<ArgumentException>(() => ExportInputs.Arrays(match, batch));
        var withSchema = Assert.Throws<ArgumentException>(() => ExportInputs.Arrays(match.Schema, batch));

        foreach (var error in new[] { withNetwork, withSchema })
            Assert.StartsWith("The batch was collated for 'Shop.AdClick', but this network is for 'Sports.Match'.", error.Message);
    }

    [Fact]
    public void An_empty_batch_gives_empty_inputs_with_their_shapes()
    {
        var views = new[] { new ItemView { ItemId = 3, CategoryId = 1, History = new[] { 3 }, CategoryHistory = new() { 1 }, Tags = new[] { "t" } } };
        using var model = new ItemViewDin(ItemViewVocabulary.Fit(views));
        using var empty = model.CreateCollator().Collate(Array.Empty<ItemView>());

        var arrays = ExportInputs.Arrays(model, empty);

        Assert.Equal(new[] { 0 }, arrays["ItemId"].Shape);
        Assert.Empty((long[])arrays["ItemId"].Values);
        Assert.Equal(new[] { 0 }, arrays["Age"].Shape);
        Assert.Empty((float[])arrays["Age"].Values);
        Assert.Equal(new[] { 0, 20 }, arrays["History"].Shape);
        Assert.Equal(new[] { 0, 5 }, arrays["Tags"].Shape);
        Assert.Empty((long[])arrays["Tags"].Values);
    }
}
