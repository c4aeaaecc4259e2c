using System.Globalization;
using System.Text;
using RecDsl.Collation;
using Shop;

namespace RecDsl.Generated.Tests.Collation;

/// <summary>A file read lazily by the generated reader collates straight from the reader, across the collator's chunks,
/// into the batch its records make as an array.</summary>
public class StreamedFileTests
{
    private static string AdClicksCsv(int rows, int nanRow = -1)
    {
        var r = new Random(11);
        var text = new StringBuilder("UserId,AdId,Site,Category,Price,Clicked\n");
        for (int i = 0; i < rows; i++)
        {
            string price = i == nanRow ? "NaN" : (r.NextDouble() * 10).ToString("R", CultureInfo.InvariantCulture);
            text.Append(r.Next(1100)).Append(',').Append(r.Next(500)).Append(",s").Append(r.Next(300)).Append(",c")
                .Append(r.Next(120)).Append(',').Append(price).Append(',').Append(r.Next(2)).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void A_reader_collates_into_the_batch_its_records_make_as_an_array()
    {
        // More rows than one chunk (65,536), so that the batch is joined from two.
        string csv = AdClicksCsv(70_000);
        var all = new AdClickCsvReader().Open(new StringReader(csv), "ads.csv").ToArray();
        var vocabulary = AdClickVocabulary.Fit(all.Take(5_000));
        var streaming = new AdClickCollator(vocabulary);
        var direct = new AdClickCollator(vocabulary);

        using var records = new AdClickCsvReader().Open(new StringReader(csv), "ads.csv");
        using var streamed = streaming.Collate(records);
        using var expected = direct.Collate(all);

        Assert.Equal(70_000, streamed.Count);
        Assert.True(expected.SparseRows.equal(streamed.SparseRows).all().item<bool>());
        Assert.True(expected.Dense.equal(streamed.Dense).all().item<bool>());
        Assert.True(expected.Label!.equal(streamed.Label!).all().item<bool>());
        Assert.Equal(expected.Groups, streamed.Groups);
        Assert.Same(vocabulary, streamed.Vocabularies);
        Assert.Equal(direct.Oov.Total, streaming.Oov.Total);
        Assert.True(streaming.Oov["UserId"] > 0);
        Assert.Equal("ads.csv: 70000 rows read, 0 skipped", records.Report.ToString());
    }

    [Theory]
    [InlineData(250, 100)] // a last batch of 50
    [InlineData(300, 100)] // ends on a batch boundary
    [InlineData(0, 100)]
    public void Predict_reads_a_file_once_and_gives_the_probabilities_of_its_records_as_an_array(int rows, int batchSize)
    {
        string csv = AdClicksCsv(rows);
        var all = new AdClickCsvReader().Open(new StringReader(csv), "ads.csv").ToArray();
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(all.Append(new AdClick { Category = "c1" })));

        using var file = new AdClickCsvReader().Open(new StringReader(csv), "ads.csv");
        float[] streamed = model.Predict(file, batchSize);

        Assert.Equal(model.Predict(all, batchSize), streamed);
        Assert.Equal(rows, streamed.Length);
        Assert.Equal(rows, file.Report.RowsRead);
    }

    [Fact]
    public void Predict_names_the_row_in_the_records_it_was_given_not_in_its_batch()
    {
        var records = new AdClickCsvReader().Open(new StringReader(AdClicksCsv(300)), "ads.csv").ToArray();
        var model = new AdClickDeepFM(AdClickVocabulary.Fit(records));
        records[250] = records[250] with { Price = float.NaN };

        var error = Assert.Throws<CollationException>(() => model.Predict(records, batchSize: 100));

        Assert.Equal(250, error.Row);
        Assert.StartsWith("Dense feature 'Price' has the value NaN at row 250. ", error.Message);
        records[250] = records[250] with { Price = 1f };
        records[120] = null!;
        Assert.StartsWith("Record 120 of the records is null.", Assert.Throws<ArgumentException>(() => model.Predict(records, batchSize: 100)).Message);
        records[120] = records[0] with { Price = float.PositiveInfinity };
        var streamed = Assert.Throws<CollationException>(() => model.Predict(records.Where(_ => true), batchSize: 100));
        Assert.Equal(120, streamed.Row); // also when the records come as a sequence
    }
}
