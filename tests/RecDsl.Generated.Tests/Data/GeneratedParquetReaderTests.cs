using Criteo;
using RecDsl.Data;
using RecDsl.Generated.Tests.Collation;
using Shop.Csv;
using static RecDsl.Generated.Tests.Data.GeneratedCsvReaderTests;
using static RecDsl.Tests.Shared.ParquetTestFile;

namespace RecDsl.Generated.Tests.Data;

/// <summary>The generated readers on Parquet files written by Parquet.Net: typed columns, nulls, lists and row groups
/// read by the CSV rules (checked against the CSV reader on the same values and against records built by hand);
/// bad values, wrong shapes and wrong files named by row, column and member.</summary>
public class GeneratedParquetReaderTests
{
    // The rows of GeneratedCsvReaderTests' visits (its Expected records and VisitsCsv text), typed as a Parquet
    // writer (pandas, Spark) stores them: a long id, a null site, the channel as text in any case, a list column for
    // the history (an empty list), a nullable double price (null takes the declared Default, 1.5), a bool label. Column order differs from the declaration
    // and an extra column is ignored.
    private static Column[] VisitColumns(long lastUser = 9) => new[]
    {
        Required("clicked", true, false, true),
        Strings("extra", "x", "y", "z"),
        Required("user_id", 7L, 8L, lastUser),
        Strings("site_id", "s1", null, "s3"),
        Strings("Channel", "Web", "app", "2"),
        Lists<int>("recent_items", new int?[] { 1, 2, 3 }, Array.Empty<int?>(), new int?[] { 4, 5, 6, 7 }),
        Optional<double>("Price", 9.5, null, 0.25),
    };

    [Fact]
    public void A_parquet_file_reads_into_the_records_its_values_describe_and_the_same_records_as_its_csv()
    {
        using var folder = new TempCsv("visits.csv", VisitsCsv);
        string path = Path.Combine(folder.Folder, "visits.parquet");
        Write(path, VisitColumns());

        using var records = new VisitCsvReader().OpenParquet(path);
        var read = records.ToList();
        using var csv = new VisitCsvReader().Open(folder.Path);
        var fromCsv = csv.ToList();

        AssertSameVisits(Expected, read);
        AssertSameVisits(fromCsv, read);
        Assert.Equal(new[] { "clicked", "extra", "user_id", "site_id", "Channel", "recent_items", "Price" }, records.Columns);
        Assert.Equal("visits.parquet: 3 rows read, 0 skipped", records.Report.ToString());
    }

    [Fact]
    public void Open_recognises_a_parquet_file_by_its_magic_bytes()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.data");
        Write(path, VisitColumns());

        var read = new VisitCsvReader().Open(path).ToList();

        Assert.Equal(Expected.Select(v => v.UserId), read.Select(v => v.UserId));
        Assert.Equal(Expected.Select(v => v.Price), read.Select(v => v.Price));
    }

    [Fact]
    public void Rows_are_numbered_across_row_groups_and_a_value_out_of_range_names_row_and_column()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        Write(path, VisitColumns(), VisitColumns(lastUser: 3_000_000_000));

        using var records = new VisitCsvReader().OpenParquet(path);
        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("visits.parquet row 6, column user_id: '3000000000' is out of range for int", error.Message);
        Assert.Equal(6, error.Line);
        Assert.True(error.NumbersRows);
    }

    [Fact]
    public void Skipped_rows_are_counted_and_reported_by_row()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        Write(path, VisitColumns(lastUser: 3_000_000_000), VisitColumns());

        using var records = new VisitCsvReader(new CsvReadOptions { BadRows = BadRowPolicy.Skip }).OpenParquet(path);
        var read = records.ToList();

        Assert.Equal(new[] { 7, 8, 7, 8, 9 }, read.Select(v => v.UserId));
        Assert.Equal("visits.parquet: 5 rows read, 1 skipped (row 3, column user_id: '3000000000' is out of range for int)", records.Report.ToString());
    }

    [Fact]
    public void A_null_list_item_is_an_empty_item_and_a_null_list_an_empty_history()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        var columns = VisitColumns();
        columns[5] = Lists<int>("recent_items", new int?[] { 3, null, 5 }, null, new int?[] { 1 });
        Write(path, columns);

        using var skipping = new VisitCsvReader(new CsvReadOptions { BadRows = BadRowPolicy.Skip }).OpenParquet(path);
        var read = skipping.ToList();

        Assert.Equal(new[] { 8, 9 }, read.Select(v => v.UserId));
        Assert.Empty(read[0].RecentItems);
        Assert.Equal(new[] { 1 }, read[1].RecentItems);
        // The message shows the list as the CSV field would be written, with the member's separator.
        Assert.Equal("row 1, column recent_items: item 2 of '3;;5': it is empty", skipping.Report.FirstErrors[0].Where);
    }

    [Fact]
    public void A_text_column_holding_separated_ids_reads_as_a_sequence_as_in_csv()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        var columns = VisitColumns();
        columns[5] = Strings("recent_items", "1;2;3", null, "4;5;6;7");
        Write(path, columns);

        var read = new VisitCsvReader().OpenParquet(path).ToList();

        Assert.Equal(Expected.Select(v => v.RecentItems.ToArray()), read.Select(v => v.RecentItems.ToArray()));
    }

    [Fact]
    public void A_legacy_repeated_field_reads_as_a_sequence_and_nan_takes_the_declared_default()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        var columns = VisitColumns();
        columns[5] = Repeated("recent_items", new[] { 1, 2, 3 }, new[] { 8 }, new[] { 4, 5, 6, 7 });
        columns[6] = Optional<double>("Price", double.NaN, 2.5, double.PositiveInfinity);
        Write(path, columns);

        var read = new VisitCsvReader().OpenParquet(path).ToList();

        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 8 }, new[] { 4, 5, 6, 7 } }, read.Select(v => v.RecentItems.ToArray()));
        Assert.Equal(new[] { 1.5f, 2.5f, 1.5f }, read.Select(v => v.Price));
    }

    [Fact]
    public void A_list_column_read_by_a_member_that_is_not_a_sequence_is_refused_by_row_and_column()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        var columns = VisitColumns();
        columns[2] = Lists<int>("user_id", new int?[] { 7 }, new int?[] { 8 }, new int?[] { 9 });
        Write(path, columns);

        var error = Assert.Throws<CsvDataException>(() => new VisitCsvReader().OpenParquet(path).ToList());

        Assert.Equal("visits.parquet row 1, column user_id: the column holds a list of Int32 in each row; the member that reads it must be a sequence (an array or list)", error.Message);
    }

    [Fact]
    public void A_struct_column_is_refused_before_any_row_when_a_member_reads_it_and_ignored_otherwise()
    {
        using var folder = new TempCsv("unused.csv", "");
        string read = Path.Combine(folder.Folder, "read.parquet"), ignored = Path.Combine(folder.Folder, "ignored.parquet");
        var columns = VisitColumns();
        columns[3] = Struct("site_id", 1, 2, 3);
        Write(read, columns);
        columns = VisitColumns();
        columns[1] = Struct("extra", 1, 2, 3);
        Write(ignored, columns);

        var error = Assert.Throws<CsvDataException>(() => new VisitCsvReader().OpenParquet(read));
        Assert.Equal("read.parquet: column 'site_id' (member Site) is a struct; RecDsl reads columns of values and lists of values", error.Message);
        Assert.Equal(3, new VisitCsvReader().OpenParquet(ignored).Count());
    }

    [Fact]
    public void A_missing_column_fails_at_open_with_the_csv_message()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        Write(path, VisitColumns().Where(c => c.Field.Name != "site_id").ToArray());

        var error = Assert.Throws<CsvDataException>(() => new VisitCsvReader().OpenParquet(path));

        Assert.Equal("visits.parquet: no column 'site_id' (member Site). The header has 6 columns: clicked, extra, user_id, Channel, recent_items, Price", error.Message);
    }

    [Fact]
    public void Wrong_sources_are_refused_with_what_to_do()
    {
        using var csv = new TempCsv("visits.csv", VisitsCsv);

        var notParquet = Assert.Throws<CsvDataException>(() => new VisitCsvReader().OpenParquet(csv.Path));
        Assert.StartsWith("visits.csv: not a readable Parquet file: ", notParquet.Message);

        var unseekable = Assert.Throws<ArgumentException>(() =>
            new VisitCsvReader().OpenParquet(new System.IO.Compression.GZipStream(new MemoryStream(), System.IO.Compression.CompressionMode.Decompress), "visits.parquet.gz"));
        Assert.Contains("must be seekable", unseekable.Message);

        string path = Path.Combine(csv.Folder, "visits.parquet");
        Write(path, VisitColumns());
        var named = Assert.Throws<InvalidOperationException>(() =>
            new VisitCsvReader(new CsvReadOptions { ColumnNames = new[] { "a" } }).OpenParquet(path));
        Assert.Contains("names its own columns", named.Message);
    }

    [Fact]
    public void Numbers_of_every_width_and_nullable_columns_read_like_their_csv_text()
    {
        // Session: bool? and Channel? ids (null is null), an int with a Default (null is the Default), a string group.
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "sessions.parquet");
        Write(path, new[]
        {
            Optional<bool>("Returning", true, null, false),
            Optional<int>("Entry", 2, null, 0),
            Optional<short>("Pages", 5, null, 0),
            Required<byte>("Bought", 1, 0, 0),
            Strings("Visitor", "ann", null, "ann"),
        });

        var read = new SessionCsvReader().OpenParquet(path).ToList();

        Assert.Equal(new Session[]
        {
            new() { Returning = true, Entry = Channel.Store, Pages = 5, Bought = true, Visitor = "ann" },
            new() { Returning = null, Entry = null, Pages = 3, Bought = false, Visitor = null },
            new() { Returning = false, Entry = Channel.Web, Pages = 0, Bought = false, Visitor = "ann" },
        }, read);
    }

    [Fact]
    public void A_criteo_shaped_file_collates_to_the_same_batch_as_its_csv()
    {
        // 300 rows in three row groups: float counts with nulls (the Default, 0), hex ids with nulls (the OOV row),
        // floats written by the shortest round-trip text, so CSV and Parquet must agree to the bit.
        const int rows = 300;
        var random = new Random(5);
        var labels = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 1).ToArray();
        var counts = Enumerable.Range(0, 13).Select(_ => Enumerable.Range(0, rows).Select(_ => random.Next(5) == 0 ? (float?)null : (float)(random.NextDouble() * 1000)).ToArray()).ToArray();
        var ids = Enumerable.Range(0, 26).Select(_ => Enumerable.Range(0, rows).Select(_ => random.Next(6) == 0 ? null : random.Next(1 << 20).ToString("x8")).ToArray()).ToArray();

        var csvText = new System.Text.StringBuilder("label," + string.Join(",", Enumerable.Range(1, 13).Select(i => $"I{i}")) + "," + string.Join(",", Enumerable.Range(1, 26).Select(i => $"C{i}")) + "\n");
        for (int r = 0; r < rows; r++)
        {
            csvText.Append(labels[r] ? '1' : '0');
            foreach (var column in counts) csvText.Append(',').Append(column[r]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var column in ids) csvText.Append(',').Append(column[r]);
            csvText.Append('\n');
        }
        using var folder = new TempCsv("criteo.csv", csvText.ToString());
        string path = Path.Combine(folder.Folder, "criteo.parquet");
        Column[] Group(int from, int count) =>
            new[] { Optional<int>("label", labels.Skip(from).Take(count).Select(l => (int?)(l ? 1 : 0)).ToArray()) }
                .Concat(counts.Select((c, i) => Optional<float>($"I{i + 1}", c.Skip(from).Take(count).ToArray())))
                .Concat(ids.Select((c, i) => Strings($"C{i + 1}", c.Skip(from).Take(count).ToArray())))
                .ToArray();
        Write(path, Group(0, 100), Group(100, 150), Group(250, 50));

        var fromParquet = new CriteoAdCsvReader().OpenParquet(path).ToArray();
        var fromCsv = new CriteoAdCsvReader().Open(folder.Path).ToArray();

        Assert.Equal(fromCsv, fromParquet);
        var collator = new CriteoAdCollator();
        using var a = collator.Collate(fromParquet);
        using var b = collator.Collate(fromCsv);
        Assert.Equal(Reference.Longs(b.SparseRows), Reference.Longs(a.SparseRows));
        Assert.Equal(Reference.Floats(b.Dense), Reference.Floats(a.Dense));
        Assert.Equal(Reference.Floats(b.Label!), Reference.Floats(a.Label!));
    }

    [Fact]
    public void A_corrupt_row_group_fails_naming_the_file_the_group_and_its_first_row()
    {
        using var folder = new TempCsv("unused.csv", "");
        string path = Path.Combine(folder.Folder, "visits.parquet");
        Write(path, VisitColumns(), VisitColumns());
        var bytes = File.ReadAllBytes(path);
        // Just past the magic: the first data page of row group 1 (Snappy-compressed, so garbage fails to decompress).
        for (int k = 8; k < 24; k++) bytes[k] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        using var records = new VisitCsvReader(new CsvReadOptions { BadRows = BadRowPolicy.Skip }).OpenParquet(path);
        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.StartsWith("visits.parquet row 1: row group 1 of 2 (from this row on) cannot be read: ", error.Message);
        Assert.NotNull(error.InnerException);
    }
}
