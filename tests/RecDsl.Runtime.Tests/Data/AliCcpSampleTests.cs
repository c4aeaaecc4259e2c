using System.Globalization;
using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>The Ali-CCP samples: numbered column names, click and purchase labels checked by the ESMM audit.</summary>
public class AliCcpSampleTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "ali_ccp_train_sample.csv", 100 },
        { "ali_ccp_val_sample.csv", 50 },
        { "ali_ccp_test_sample.csv", 50 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Rows_and_label_counts_match_the_file_text(string file, int rowCount)
    {
        var header = Fixtures.Header(file);
        var lines = Fixtures.DataFields(file);
        int Col(string name) => Array.IndexOf(header, name);
        var audit = new EsmmLabelAudit();

        using var records = new AliCcpImpressionCsvReader { Validate = r => audit.Check(r.Click, r.Purchase) }.Open(Fixtures.PathOf(file));
        var rows = records.ToList();

        Assert.Equal(rowCount, lines.Length);
        Assert.Equal(lines.Length, rows.Count);
        Assert.Equal(lines.Length, audit.Impressions);
        Assert.Equal(lines.Count(f => f[0] == "1"), audit.Clicks);
        Assert.Equal(lines.Count(f => f[1] == "1"), audit.Conversions);
        Assert.Equal(lines.Count(f => f[0] == "1" && f[1] == "1"), audit.ClickedConversions);
        Assert.Equal(lines.Count(f => f[0] == "0" && f[1] == "1"), audit.UnclickedConversions);
        for (int i = 0; i < rows.Count; i++)
        {
            var f = lines[i];
            Assert.Equal(int.Parse(f[Col("101")], CultureInfo.InvariantCulture), rows[i].User);
            Assert.Equal(int.Parse(f[Col("205")], CultureInfo.InvariantCulture), rows[i].Item);
            Assert.Equal(int.Parse(f[Col("206")], CultureInfo.InvariantCulture), rows[i].Category);
            Assert.Equal(int.Parse(f[Col("207")], CultureInfo.InvariantCulture), rows[i].Shop);
            Assert.Equal(float.Parse(f[Col("D109_14")], CultureInfo.InvariantCulture), rows[i].D109);
            Assert.Equal(double.Parse(f[Col("D508")], CultureInfo.InvariantCulture), rows[i].D508);
        }
    }

    [Fact]
    public void The_samples_have_clicks_and_purchases_and_every_purchase_follows_a_click()
    {
        var lines = Files.Select(row => (string)row[0]).SelectMany(Fixtures.DataFields).ToArray();

        // Counted with grep on the files: 12 clicks and 3 purchases in 200 rows, no purchase without a click.
        Assert.Equal(200, lines.Length);
        Assert.Equal(12, lines.Count(f => f[0] == "1"));
        Assert.Equal(3, lines.Count(f => f[1] == "1"));
        Assert.DoesNotContain(lines, f => f[0] == "0" && f[1] == "1");
    }

    [Fact]
    public void A_purchase_without_a_click_is_rejected_with_its_line_skipped_and_counted_or_kept()
    {
        // The train sample with its 4th data row (file line 5) turned into a purchase without a click.
        var text = File.ReadAllLines(Fixtures.PathOf("ali_ccp_train_sample.csv"));
        Assert.StartsWith("0,0,", text[4]);
        text[4] = "0,1," + text[4][4..];
        using var temp = new TempCsv("ali_ccp_broken.csv", string.Join("\n", text) + "\n");

        var rejecting = new EsmmLabelAudit();
        using var strict = new AliCcpImpressionCsvReader { Validate = r => rejecting.Check(r.Click, r.Purchase) }.Open(temp.Path);
        var error = Assert.Throws<CsvDataException>(() => strict.ToList());

        var skipping = new EsmmLabelAudit();
        using var skipped = new AliCcpImpressionCsvReader(new CsvReadOptions { BadRows = BadRowPolicy.Skip })
            { Validate = r => skipping.Check(r.Click, r.Purchase) }.Open(temp.Path);
        int skippedRows = skipped.Count();

        var keeping = new EsmmLabelAudit(UnclickedConversionPolicy.Keep);
        using var kept = new AliCcpImpressionCsvReader { Validate = r => keeping.Check(r.Click, r.Purchase) }.Open(temp.Path);
        int keptRows = kept.Count();

        Assert.Equal("ali_ccp_broken.csv line 5: conversion without a click (ESMM's funnel is click then conversion; " +
            "UnclickedConversionPolicy.Keep keeps such rows)", error.Message);
        Assert.Equal((99, 1L, 1L, 99L), (skippedRows, skipped.Report.RowsSkipped, skipping.UnclickedConversions, skipping.Impressions));
        Assert.Equal((100, 1L, 100L), (keptRows, keeping.UnclickedConversions, keeping.Impressions));
        Assert.Equal(keeping.ClickedConversions + 1, keeping.Conversions);
    }
}
