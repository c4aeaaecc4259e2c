using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>Skipping bad rows: nothing is dropped without being counted and reported.</summary>
public class CsvSkipTests
{
    private const string Header = "UserId,AdId,site_id,Category,Price,Clicked\n";

    // Lines 2-11: three bad rows (lines 4, 7, 9) among ten.
    private const string TenRows = Header +
        "1,1,s,c,1,0\n" +
        "2,2,s,c,1,1\n" +
        "3,3,s,c,abc,0\n" +
        "4,4,s,c,1,0\n" +
        "5,5,s,c,1,0\n" +
        "6,6,s,c\n" +
        "7,7,s,c,1,0\n" +
        "x,8,s,c,1,0\n" +
        "9,9,s,c,1,1\n" +
        "10,10,s,c,1,0\n";

    private static readonly CsvReadOptions Skip = new() { BadRows = BadRowPolicy.Skip };

    [Fact]
    public void Bad_rows_are_skipped_counted_and_their_reasons_kept_in_file_order()
    {
        using var records = new AdClickCsvReader(Skip).Open(new StringReader(TenRows), "ten.csv");

        var users = records.Select(r => r.UserId).ToList();

        Assert.Equal(new[] { 1, 2, 4, 5, 7, 9, 10 }, users);
        Assert.Equal(7, records.Report.RowsRead);
        Assert.Equal(3, records.Report.RowsSkipped);
        Assert.Equal(new[]
        {
            "ten.csv line 4, column Price: 'abc' is not a number",
            "ten.csv line 7: 4 fields, expected 6",
            "ten.csv line 9, column UserId: 'x' is not an integer",
        }, records.Report.FirstErrors.Select(e => e.Message));
        Assert.Equal("ten.csv: 7 rows read, 3 skipped (line 4, column Price: 'abc' is not a number; line 7: 4 fields, expected 6; " +
            "line 9, column UserId: 'x' is not an integer)", records.Report.ToString());
    }

    [Fact]
    public void The_count_stays_exact_when_fewer_reasons_are_kept()
    {
        using var records = new AdClickCsvReader(Skip with { ReportedErrors = 1 }).Open(new StringReader(TenRows), "ten.csv");

        Assert.Equal(7, records.Count());
        Assert.Equal(3, records.Report.RowsSkipped);
        Assert.Equal("ten.csv: 7 rows read, 3 skipped (line 4, column Price: 'abc' is not a number; ...)", records.Report.ToString());
    }

    [Fact]
    public void Under_the_default_policy_the_first_bad_row_stops_the_read_after_the_good_rows_before_it()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(TenRows), "ten.csv");
        var seen = new List<int>();

        var error = Assert.Throws<CsvDataException>(() =>
        {
            foreach (var r in records) seen.Add(r.UserId);
        });

        Assert.Equal(new[] { 1, 2 }, seen);
        Assert.Equal("ten.csv line 4, column Price: 'abc' is not a number", error.Message);
    }

    [Fact]
    public void A_file_whose_every_row_is_bad_fails_even_when_skipping()
    {
        // A semicolon-separated file read as comma-separated: one field per row.
        using var records = new AdClickCsvReader(Skip).Open(new StringReader(Header + "1;2;s;c;1;0\n3;4;s;c;1;0\n"), "semi.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("semi.csv: every row is bad (2 skipped), so the separator or the header is probably wrong; " +
            "first: line 2: 1 fields, expected 6", error.Message);
    }

    [Fact]
    public void Blank_lines_are_counted_not_read_and_a_trailing_newline_is_not_one()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(Header + "1,1,s,c,1,0\n\n2,2,s,c,1,0\n\n\n3,3,s,c,1,0\n"), "gaps.csv");

        Assert.Equal(new[] { 1, 2, 3 }, records.Select(r => r.UserId));
        Assert.Equal(3, records.Report.BlankLines);
        Assert.Equal("gaps.csv: 3 rows read, 0 skipped, 3 blank lines", records.Report.ToString());
    }

    [Fact]
    public void A_record_rejected_by_validation_is_reported_with_its_line_and_follows_the_policy()
    {
        string text = Header + "1,1,s,c,1,0\n2,2,s,c,-5,0\n3,3,s,c,1,0\n";
        Func<AdClick, string?> validate = r => r.Price < 0 ? $"negative price {r.Price}" : null;

        using var strict = new AdClickCsvReader { Validate = validate }.Open(new StringReader(text), "prices.csv");
        using var lenient = new AdClickCsvReader(Skip) { Validate = validate }.Open(new StringReader(text), "prices.csv");

        var error = Assert.Throws<CsvDataException>(() => strict.ToList());
        Assert.Equal("prices.csv line 3: negative price -5", error.Message);
        Assert.Equal(new[] { 1, 3 }, lenient.Select(r => r.UserId));
        Assert.Equal(1, lenient.Report.RowsSkipped);
    }

    [Fact]
    public void Batches_skip_bad_rows_too()
    {
        using var records = new AdClickCsvReader(Skip).Open(new StringReader(TenRows), "ten.csv");

        var batches = records.Batches(3).ToList();

        Assert.Equal(new[] { new[] { 1, 2, 4 }, new[] { 5, 7, 9 }, new[] { 10 } }, batches.Select(b => b.Select(r => r.UserId).ToArray()));
        Assert.Equal(3, records.Report.RowsSkipped);
    }

    [Fact]
    public void A_record_whose_own_validation_throws_is_a_bad_row_with_its_line_and_the_original_inside()
    {
        const string text = "Amount\n5\n-1\n7\n";

        using var strict = new PositiveCsvReader(null).Open(new StringReader(text), "amounts.csv");
        using var lenient = new PositiveCsvReader(Skip).Open(new StringReader(text), "amounts.csv");

        var error = Assert.Throws<CsvDataException>(() => strict.ToList());
        Assert.Equal("amounts.csv line 3: the record rejected the row: Amount must be positive (Parameter 'value')", error.Message);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Equal(new[] { 5, 7 }, lenient.Select(p => p.Amount));
        Assert.Equal(1, lenient.Report.RowsSkipped);
    }

    [Fact]
    public void A_validate_function_that_throws_names_the_line_it_met_and_keeps_the_original()
    {
        using var records = new AdClickCsvReader { Validate = r => r.Site!.Length > 0 ? null : "empty site" }
            .Open(new StringReader("UserId,AdId,site_id,Category,Price,Clicked\n1,2,s,c,1,0\n3,4,,c,1,1\n"), "ads.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.StartsWith("ads.csv line 3: Validate threw NullReferenceException: ", error.Message);
        Assert.IsType<NullReferenceException>(error.InnerException);
    }

    /// <summary>A record that validates in its init accessor, as users write.</summary>
    private sealed record Positive
    {
        private readonly int amount;

        public int Amount
        {
            get => amount;
            init => amount = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Amount must be positive");
        }
    }

    private sealed class PositiveCsvReader(CsvReadOptions? options) : CsvRecordReader<Positive>(options)
    {
        protected override CsvRowReader<Positive> Bind(CsvHeader header)
        {
            int c0 = header.Column("Amount", "Amount");
            return row => new Positive { Amount = row.GetInteger<int>(c0) };
        }
    }
}
