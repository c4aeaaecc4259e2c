using DeepFmCriteo;
using DinAmazon;
using EsmmAliCcp;

namespace RecDsl.Quality.Tests;

/// <summary>The examples' <c>--data</c> path: their records read real and written files through the generated CSV
/// readers, checked against the files' text.</summary>
public sealed class ExampleCsvTests
{
    private static string Fixture(string name) => Repository.Fixture(name);

    [Fact]
    public void The_DeepFM_example_reads_the_real_Criteo_sample_and_takes_the_log_of_the_counts()
    {
        var lines = File.ReadAllLines(Fixture("criteo_sample.txt")).Skip(1).Select(l => l.Split(',')).ToArray();

        using var records = new CriteoAdCsvReader().Open(Fixture("criteo_sample.txt"));
        var rows = records.ToArray();

        Assert.Equal(lines.Length, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(lines[i][0] == "1", rows[i].Clicked);
            // I2 (column 2) holds negative counts and I1 empty fields in this sample.
            float? i1 = lines[i][1] == "" ? null : float.Parse(lines[i][1], System.Globalization.CultureInfo.InvariantCulture);
            float? i2 = lines[i][2] == "" ? null : float.Parse(lines[i][2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(i1, rows[i].I1);
            Assert.Equal(i2, rows[i].I2);
            Assert.Equal(MathF.Log(1 + MathF.Max(0, i2 ?? 0)), rows[i].LogI2);
            Assert.Equal(lines[i][14] == "" ? null : lines[i][14], rows[i].C1);
            Assert.Equal(lines[i][39] == "" ? null : lines[i][39], rows[i].C26);
        }
        Assert.Contains(rows, r => r.I1 is null);
        Assert.Contains(rows, r => r.I2 < 0);
    }

    [Fact]
    public void The_DIN_and_ESMM_examples_read_their_documented_columns()
    {
        var folder = Directory.CreateTempSubdirectory("recdsl-example-csv-").FullName;
        try
        {
            var views = Path.Combine(folder, "views.csv");
            File.WriteAllLines(views, ["UserId,ItemId,CategoryId,ItemHistory,CategoryHistory,Clicked", "7,42,3,5|42|9,1|3|2,1", "8,1,0,,,0"]);
            using (var read = new ProductViewCsvReader().Open(views))
            {
                var rows = read.ToArray();
                Assert.Equal([5, 42, 9], rows[0].ItemHistory);
                Assert.Equal([1, 3, 2], rows[0].CategoryHistory);
                Assert.True(rows[0].Clicked);
                Assert.Empty(rows[1].ItemHistory);
                Assert.Equal(8, rows[1].UserId);
            }

            var impressions = Path.Combine(folder, "impressions.csv");
            File.WriteAllLines(impressions, ["UserId,UserSegment,ItemId,CategoryId,LogPrice,Clicked,Purchased", "1,2,3,4,0.5,1,1", "1,2,3,4,-0.25,0,0"]);
            using (var read = new ImpressionCsvReader().Open(impressions))
            {
                var rows = read.ToArray();
                Assert.Equal(new Impression { UserId = 1, UserSegment = 2, ItemId = 3, CategoryId = 4, LogPrice = 0.5f, Clicked = true, Purchased = true }, rows[0]);
                Assert.Equal(-0.25f, rows[1].LogPrice);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
