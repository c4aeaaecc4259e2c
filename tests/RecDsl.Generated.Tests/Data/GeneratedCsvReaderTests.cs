using System.Globalization;
using Criteo;
using RecDsl.Data;
using RecDsl.Generated.Tests.Collation;
using Shop.Csv;
using Shop.Funnel;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Data;

/// <summary>The generated CSV readers end to end: file text -> records -> collated batch, checked against records
/// built directly from what the text says; bad rows; the real Criteo sample into a DeepFM.</summary>
public class GeneratedCsvReaderTests(ITestOutputHelper output)
{
    // Line 3: site empty (null: the OOV row), history empty, Price empty (the declared Default, 1.5), channel in
    // lower case. Line 4: the channel by number, a bool label written "true". Column order differs from the
    // declaration and an extra column is ignored.
    internal const string VisitsCsv =
        "clicked,extra,user_id,site_id,Channel,recent_items,Price\n" +
        "1,x,7,s1,Web,1;2;3,9.5\n" +
        "0,y,8,,app,,\n" +
        "true,z,9,s3,2,4;5;6;7,0.25\n";

    internal static readonly Visit[] Expected =
    {
        new() { UserId = 7, Site = "s1", Channel = Channel.Web, RecentItems = new() { 1, 2, 3 }, Price = 9.5f, Clicked = true },
        new() { UserId = 8, Site = null, Channel = Channel.App, RecentItems = new(), Price = 1.5f, Clicked = false },
        new() { UserId = 9, Site = "s3", Channel = Channel.Store, RecentItems = new() { 4, 5, 6, 7 }, Price = 0.25f, Clicked = true },
    };

    /// <summary>Record equality compares the List by reference: compare its items, then everything else.</summary>
    internal static void AssertSameVisits(IReadOnlyList<Visit> expected, IReadOnlyList<Visit> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].RecentItems, actual[i].RecentItems);
            Assert.Equal(expected[i], actual[i] with { RecentItems = expected[i].RecentItems });
        }
    }

    [Fact]
    public void A_file_reads_into_the_records_its_text_describes_and_collates_like_them()
    {
        using var file = new TempCsv("visits.csv", VisitsCsv);
        using var records = new VisitCsvReader().Open(file.Path);
        var read = records.ToList();

        AssertSameVisits(Expected, read);
        Assert.Equal("visits.csv: 3 rows read, 0 skipped", records.Report.ToString());

        var collator = new VisitCollator();
        using var fromFile = collator.Collate(read);
        using var direct = collator.Collate(Expected);
        Assert.Equal(Reference.Longs(direct.SparseRows), Reference.Longs(fromFile.SparseRows));
        Assert.Equal(Reference.Floats(direct.Dense), Reference.Floats(fromFile.Dense));
        Assert.Equal(Reference.Longs(direct.SequenceRows[0]), Reference.Longs(fromFile.SequenceRows[0]));
        Assert.Equal(Reference.Floats(direct.Label!), Reference.Floats(fromFile.Label!));
        Assert.Equal(direct.Groups, fromFile.Groups);

        // And what those rows are, by the collation contract: the null site is OOV, the empty price its default,
        // the history the last MaxLen (3) ids, oldest first.
        var sparse = Reference.Longs(fromFile.SparseRows);
        Assert.Equal(new[] { Reference.IdRow(8, 100), 1L, Reference.IdRow((int)Channel.App, 3) }, Reference.Row(sparse, 1));
        Assert.Equal(new[] { 9.5f, 1.5f, 0.25f }, Reference.Floats(fromFile.Dense));
        Assert.Equal(Reference.Sequence(new long[] { 6, 7, 8, 9 }, 3), Reference.Row(Reference.Longs(fromFile.SequenceRows[0]), 2));
        Assert.Equal(new long[] { 7, 8, 9 }, fromFile.Groups);
    }

    [Fact]
    public void Empty_nullable_bool_and_enum_ids_are_null_an_empty_integer_takes_its_default_and_a_string_group_is_hashed()
    {
        const string text = "Returning,Entry,Pages,Bought,Visitor\n" +
            "1,Store,5,1,ann\n" +
            ",,,0,\n" +
            "false,web,0,0,ann\n";
        using var records = new SessionCsvReader().Open(new StringReader(text), "sessions.csv");
        var read = records.ToList();

        Assert.Equal(new Session[]
        {
            new() { Returning = true, Entry = Channel.Store, Pages = 5, Bought = true, Visitor = "ann" },
            new() { Returning = null, Entry = null, Pages = 3, Bought = false, Visitor = null },
            new() { Returning = false, Entry = Channel.Web, Pages = 0, Bought = false, Visitor = "ann" },
        }, read);

        // Null ids go to the OOV row (1); false/true are ids 0/1 and the channel its value (rows id + 2).
        using var batch = new SessionCollator().Collate(read);
        var sparse = Reference.Longs(batch.SparseRows);
        Assert.Equal(new[] { Reference.IdRow(1, 2), Reference.IdRow((int)Channel.Store, 3) }, Reference.Row(sparse, 0));
        Assert.Equal(new[] { 1L, 1L }, Reference.Row(sparse, 1));
        Assert.Equal(new[] { Reference.IdRow(0, 2), Reference.IdRow((int)Channel.Web, 3) }, Reference.Row(sparse, 2));
        Assert.Equal(new[] { 5f, 3f, 0f }, Reference.Floats(batch.Dense));
        // A string group is its XxHash64 (seed 0, UTF-8) as a long; a missing one is group 0.
        long ann = unchecked((long)System.IO.Hashing.XxHash64.HashToUInt64("ann"u8));
        Assert.Equal(new[] { ann, 0L, ann }, batch.Groups);
    }

    [Fact]
    public void Features_on_positional_parameters_whose_properties_a_base_record_declares_are_read_and_collated()
    {
        using var records = new ImpressionCsvReader().Open(new StringReader("AdId,Site,Clicked\n3,s7,1\n12,s7,0\n"), "impressions");
        var read = records.ToList();
        using var model = new ImpressionDeepFM();
        using var batch = model.CreateCollator().Collate(read);
        using var adIds = batch.AdId;
        using var clicked = batch.Clicked;

        Assert.Equal(new[] { new Impression(3, "s7", true), new Impression(12, "s7", false) }, read);
        Assert.Equal(new[] { "AdId", "Site" }, model.Schema.Features.Select(f => f.Name));
        Assert.Equal(new long[] { 3 + 2, 1 }, adIds.data<long>().ToArray()); // 12 is past Vocab = 10: the OOV row
        Assert.Equal(new[] { 1f, 0f }, clicked.data<float>().ToArray());
    }

    [Fact]
    public void A_bad_field_names_file_line_and_the_files_column()
    {
        using var file = new TempCsv("visits.csv", VisitsCsv + "0,w,10,s4,Web,1;x,2\n");
        using var records = new VisitCsvReader().Open(file.Path);

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("visits.csv", error.SourceName);
        Assert.Equal(5, error.Line);
        Assert.Equal("recent_items", error.Column); // the file's name for RecentItems
        Assert.Equal("visits.csv line 5, column recent_items: item 2 of '1;x': 'x' is not an integer", error.Message);
    }

    [Fact]
    public void Skipped_rows_are_counted_and_the_good_ones_still_collate()
    {
        const string text = VisitsCsv +
            "0,a,11,s,Web,1,abc\n" +   // line 5: Price is no number
            "0,b,12,s,Web,1\n" +       // line 6: a field short
            "1,c,13,s,Tablet,1,1\n" +  // line 7: no such channel
            "0,d,14,s,Store,2,3\n";
        using var records = new VisitCsvReader(new CsvReadOptions { BadRows = BadRowPolicy.Skip })
            .Open(new StringReader(text), "visits.csv");

        var read = records.ToList();

        Assert.Equal(new[] { 7, 8, 9, 14 }, read.Select(v => v.UserId));
        Assert.Equal(4, records.Report.RowsRead);
        Assert.Equal(3, records.Report.RowsSkipped);
        Assert.Equal(new long[] { 5, 6, 7 }, records.Report.FirstErrors.Select(e => e.Line));
        Assert.Equal(new[] { "Price", null, "Channel" }, records.Report.FirstErrors.Select(e => e.Column));
        using var batch = new VisitCollator().Collate(read);
        Assert.Equal(4, batch.Count);
    }

    [Fact]
    public void A_positional_record_reads_through_its_constructor()
    {
        const string text = "UserId,Device,IsMobile,Queries,Price,Clicked,Converted\n" +
            "5,Mobile,1,shoes|red shoes,19.99,1,0\n" +
            "6,tablet,false,,3,0,0\n";
        using var records = new TrackingImpressionCsvReader().Open(new StringReader(text), "impressions.csv");
        var read = records.ToList();

        var expected = new[]
        {
            new Tracking.Impression(5, DeviceKind.Mobile, true, new[] { "shoes", "red shoes" }, 19.99, true, false),
            new Tracking.Impression(6, DeviceKind.Tablet, false, Array.Empty<string>(), 3, false, false),
        };
        Assert.Equal(expected.Length, read.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Queries, read[i].Queries);
            Assert.Equal(expected[i], read[i] with { Queries = expected[i].Queries });
        }
    }

    [Fact]
    public void The_real_criteo_sample_reads_as_its_text_and_trains_a_deepfm()
    {
        var path = Fixtures.PathOf("criteo_sample.txt");
        using var records = new CriteoAdCsvReader().Open(path);
        var ads = records.ToList();

        // The independent view of the file: split on commas (the sample has no quoted fields).
        var lines = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(200, lines.Length);
        Assert.Equal(lines.Length, ads.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            var f = lines[i];
            var ad = ads[i];
            Assert.Equal(f[0] == "1", ad.Clicked);
            float[] dense = { ad.I1, ad.I2, ad.I3, ad.I4, ad.I5, ad.I6, ad.I7, ad.I8, ad.I9, ad.I10, ad.I11, ad.I12, ad.I13 };
            for (int k = 0; k < 13; k++)
                Assert.Equal(f[1 + k].Length == 0 ? 0f : float.Parse(f[1 + k], CultureInfo.InvariantCulture), dense[k]);
            string?[] ids = { ad.C1, ad.C2, ad.C3, ad.C4, ad.C5, ad.C6, ad.C7, ad.C8, ad.C9, ad.C10, ad.C11, ad.C12, ad.C13,
                ad.C14, ad.C15, ad.C16, ad.C17, ad.C18, ad.C19, ad.C20, ad.C21, ad.C22, ad.C23, ad.C24, ad.C25, ad.C26 };
            for (int k = 0; k < 26; k++)
                Assert.Equal(f[14 + k].Length == 0 ? null : f[14 + k], ids[k]);
        }

        // Raw Criteo counts reach 1e5; without normalisation the first Adam step throws the MLP's output far off
        // (measured: loss 7.8 -> 160). BatchNorm after the first layer is the usual remedy for raw dense inputs.
        torch.manual_seed(7);
        var model = new CriteoAdDeepFM(CriteoAdDeepFM.DeclaredOptions with { BatchNorm = true });
        using var batch = model.CreateCollator().Collate(ads);
        Assert.Equal(new long[] { 200, 26 }, batch.SparseRows.shape);
        Assert.Equal(new long[] { 200, 13 }, batch.Dense.shape);
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        model.train();
        var losses = new List<float>();
        for (int step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.Loss(model.forward(batch), batch);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        output.WriteLine("DeepFM on the Criteo sample, full batch, Adam 0.01: " + string.Join(", ", losses.Select(l => l.ToString("0.###", CultureInfo.InvariantCulture))));
        Assert.All(losses, l => Assert.True(float.IsFinite(l), $"losses {string.Join(", ", losses)}"));
        // Full batch on 200 rows: the ids alone let it fit them, so the loss must fall well below where it started.
        Assert.True(losses[^1] < 0.5 * losses[0], $"losses {string.Join(", ", losses)}");
    }
}
