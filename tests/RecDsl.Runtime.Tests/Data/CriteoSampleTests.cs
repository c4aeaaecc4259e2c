using System.Globalization;
using System.IO.Compression;
using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>The real Criteo sample: empty dense fields, hex ids, empty categorical fields.</summary>
public class CriteoSampleTests
{
    private const string File = "criteo_sample.txt";

    [Fact]
    public void Every_field_of_every_row_matches_the_file_text()
    {
        var lines = Fixtures.DataFields(File);

        using var records = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));
        var ads = records.ToList();

        Assert.Equal(200, lines.Length);
        Assert.Equal(lines.Length, ads.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            var f = lines[i];
            var ad = ads[i];
            Assert.Equal(f[0] == "1", ad.Clicked);
            Assert.Equal(f[1].Length == 0 ? 0f : float.Parse(f[1], CultureInfo.InvariantCulture), ad.I1);
            float?[] dense = { ad.I2, ad.I3, ad.I4, ad.I5, ad.I6, ad.I7, ad.I8, ad.I9, ad.I10, ad.I11, ad.I12, ad.I13 };
            for (int k = 0; k < 12; k++)
            {
                string text = f[2 + k];
                Assert.Equal(text.Length == 0 ? null : float.Parse(text, CultureInfo.InvariantCulture), dense[k]);
            }
            string?[] ids = { ad.C1, ad.C2, ad.C3, ad.C4, ad.C5, ad.C6, ad.C7, ad.C8, ad.C9, ad.C10, ad.C11, ad.C12, ad.C13,
                ad.C14, ad.C15, ad.C16, ad.C17, ad.C18, ad.C19, ad.C20, ad.C21, ad.C22, ad.C23, ad.C24, ad.C25, ad.C26 };
            for (int k = 0; k < 26; k++)
            {
                string text = f[14 + k];
                Assert.Equal(text.Length == 0 ? null : text, ids[k]);
            }
        }
        Assert.Equal(200, records.Report.RowsRead);
        Assert.Equal(0, records.Report.RowsSkipped);
    }

    [Fact]
    public void Line_2_reads_as_its_text_says()
    {
        // Line 2: 0,,3,260.0,,17668.0,,,33.0,,,,0.0,,05db9164,08d6d899,...,e5ba7672,87c6f83c,,,0429f84b,,3a171ecb,c0d61a5c,,
        using var records = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));
        var ad = records.First();

        Assert.False(ad.Clicked);
        Assert.Equal(0f, ad.I1); // empty, declared Default = 0
        Assert.Equal(3f, ad.I2);
        Assert.Equal(260f, ad.I3);
        Assert.Null(ad.I4);
        Assert.Equal(17668f, ad.I5);
        Assert.Equal(0f, ad.I12);
        Assert.Null(ad.I13);
        Assert.Equal("05db9164", ad.C1);
        Assert.Equal("08d6d899", ad.C2);
        Assert.Equal("e5ba7672", ad.C17);
        Assert.Equal("87c6f83c", ad.C18);
        Assert.Null(ad.C19);
        Assert.Null(ad.C20);
        Assert.Equal("0429f84b", ad.C21);
        Assert.Null(ad.C22);
        Assert.Equal("3a171ecb", ad.C23);
        Assert.Equal("c0d61a5c", ad.C24);
        Assert.Null(ad.C25);
        Assert.Null(ad.C26);
    }

    [Fact]
    public void An_empty_dense_field_without_default_or_nullable_member_is_an_error_naming_line_and_column()
    {
        using var records = new StrictI1CsvReader().Open(Fixtures.PathOf(File));

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("criteo_sample.txt line 2, column I1: empty field, expected a number (a feature that may be missing is declared float?, or with [Dense(Default = ...)] to read it as that value)", error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal("I1", error.Column);
    }

    [Fact]
    public void The_raw_headerless_tab_separated_layout_reads_the_same_records()
    {
        // Criteo's train.txt has no header and tabs between fields: the same rows in that layout.
        var header = Fixtures.Header(File);
        var tsv = string.Join("\n", Fixtures.DataFields(File).Select(f => string.Join('\t', f))) + "\n";
        using var temp = new TempCsv("train.txt", tsv);
        var options = new CsvReadOptions { Separator = '\t', ColumnNames = header };

        using var raw = new CriteoAdCsvReader(options).Open(temp.Path);
        using var csv = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));

        Assert.Equal(csv.ToList(), raw.ToList());
    }

    [Fact]
    public void A_gzip_stream_reads_the_same_records()
    {
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        using (var source = System.IO.File.OpenRead(Fixtures.PathOf(File)))
        {
            source.CopyTo(zip);
        }
        gz.Position = 0;

        using var zipped = new CriteoAdCsvReader().Open(new StreamReader(new GZipStream(gz, CompressionMode.Decompress)), "criteo.txt.gz");
        using var plain = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));

        Assert.Equal(plain.ToList(), zipped.ToList());
    }

    [Fact]
    public void Batches_cut_the_stream_in_file_order_with_a_short_last_batch()
    {
        using var all = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));
        using var batched = new CriteoAdCsvReader().Open(Fixtures.PathOf(File));

        var batches = batched.Batches(64).ToList();

        Assert.Equal(new[] { 64, 64, 64, 8 }, batches.Select(b => b.Length));
        Assert.Equal(all.ToList(), batches.SelectMany(b => b));
    }

    /// <summary>Criteo's I1 declared as a plain dense float: empty fields are errors.</summary>
    private sealed record StrictI1
    {
        [Dense] public float I1 { get; init; }
    }

    private sealed class StrictI1CsvReader : CsvRecordReader<StrictI1>
    {
        public StrictI1CsvReader() : base(null) { }

        protected override CsvRowReader<StrictI1> Bind(CsvHeader header)
        {
            int c0 = header.Column("I1", "I1");
            return row => new StrictI1 { I1 = row.GetFloat<float>(c0) };
        }
    }
}
