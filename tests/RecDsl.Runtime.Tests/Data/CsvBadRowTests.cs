using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>Every kind of bad input fails with the file, line, column and value in the message.</summary>
public class CsvBadRowTests
{
    private const string Header = "UserId,AdId,site_id,Category,Price,Clicked\n";

    private static CsvDataException ReadFails(string text, string name = "bad.csv")
    {
        using var temp = new TempCsv(name, text);
        using var records = new AdClickCsvReader().Open(temp.Path);
        return Assert.Throws<CsvDataException>(() => records.ToList());
    }

    [Fact]
    public void A_word_in_a_float_column_is_not_a_number()
    {
        var error = ReadFails(Header + "1,2,s,c,1.5,0\n3,4,s,c,abc,1\n");

        Assert.Equal("bad.csv line 3, column Price: 'abc' is not a number", error.Message);
        Assert.Equal(("bad.csv", 3L, "Price", "'abc' is not a number"), (error.SourceName, error.Line, error.Column, error.Reason));
    }

    [Fact]
    public void A_fraction_in_an_int_column_is_not_an_integer()
    {
        var error = ReadFails(Header + "1.5,2,s,c,1,0\n");

        Assert.Equal("bad.csv line 2, column UserId: '1.5' is not an integer", error.Message);
    }

    [Fact]
    public void An_integer_too_large_for_the_member_is_out_of_range()
    {
        var error = ReadFails(Header + "1,2,s,c,1,0\n1,4294967296,s,c,1,0\n");

        Assert.Equal("bad.csv line 3, column AdId: '4294967296' is out of range for int", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void A_non_finite_dense_value_is_an_error(string value)
    {
        var error = ReadFails(Header + $"1,2,s,c,{value},0\n");

        Assert.Equal($"bad.csv line 2, column Price: '{value}' is not a finite number", error.Message);
    }

    [Fact]
    public void An_empty_field_for_a_required_float_is_an_error()
    {
        var error = ReadFails(Header + "1,2,s,c,,0\n");

        Assert.Equal("bad.csv line 2, column Price: empty field, expected a number (a feature that may be missing is declared float?, or with [Dense(Default = ...)] to read it as that value)", error.Message);
    }

    [Fact]
    public void An_empty_field_for_a_required_int_is_an_error()
    {
        var error = ReadFails(Header + "1,,s,c,1,0\n");

        Assert.Equal("bad.csv line 2, column AdId: empty field, expected an integer (a feature that may be missing is declared int?)", error.Message);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("0.5")]
    public void A_label_that_is_not_a_bool_is_an_error(string value)
    {
        var error = ReadFails(Header + $"1,2,s,c,1,{value}\n");

        Assert.Equal($"bad.csv line 2, column Clicked: '{value}' is not 0, 1, true or false", error.Message);
    }

    [Fact]
    public void Too_few_and_too_many_fields_are_errors_with_both_counts()
    {
        var few = ReadFails(Header + "1,2,s,c,1,0\n1,2,s,c,1\n");
        var many = ReadFails(Header + "1,2,s,c,1,0,extra\n");

        Assert.Equal("bad.csv line 3: 5 fields, expected 6", few.Message);
        Assert.Null(few.Column);
        Assert.Equal("bad.csv line 2: 7 fields, expected 6", many.Message);
    }

    [Theory]
    [InlineData("\n", "\"s")]
    [InlineData("\r\n", "\"s")]
    [InlineData("", "\"s")]
    [InlineData("\n", "s\"x")] // inside an unquoted field the quote opens a quoted part just the same
    public void A_quote_that_is_never_closed_names_the_lines_it_swallowed(string lastLineEnd, string field)
    {
        var error = ReadFails(Header + $"1,2,s,c,1,0\n1,2,{field},c,1,0\n3,4,s,c,1,0\n5,6,s,c,1,0" + lastLineEnd);

        Assert.Equal("bad.csv line 3: 3 fields, expected 6: a quote (\") on this line is never closed, " +
            "so lines 3 to 5 (the rest of the file) were read as one row", error.Message);
    }

    [Fact]
    public void Balanced_quotes_keep_the_plain_field_count_message()
    {
        var error = ReadFails(Header + "1,2,\"s,\"\"x\"\"\",c,1\n");

        Assert.Equal("bad.csv line 2: 5 fields, expected 6", error.Message);
    }

    [Fact]
    public void Missing_columns_fail_at_open_listing_each_with_its_member_and_the_header()
    {
        using var temp = new TempCsv("ads.csv", "UserId,AdId,Category,Price\n1,2,c,1\n");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.Equal("ads.csv: no column 'site_id' (member Site); no column 'Clicked' (member Clicked). " +
            "The header has 4 columns: UserId, AdId, Category, Price", error.Message);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void Columns_that_match_a_member_only_ignoring_case_and_twice_are_ambiguous()
    {
        using var temp = new TempCsv("ads.csv", "userid,USERID,AdId,site_id,Category,Price,Clicked\n");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.StartsWith("ads.csv: column 'UserId' (member UserId) matches 2 columns that differ only in case. The header has 7 columns:", error.Message);
    }

    [Fact]
    public void The_reader_exposes_the_files_columns_in_order()
    {
        using var temp = new TempCsv("ads.csv", "Clicked,Price,Category,site_id,AdId,UserId,extra\n1,2,c,s,3,4,x\n");
        using var records = new AdClickCsvReader().Open(temp.Path);

        Assert.Equal(new[] { "Clicked", "Price", "Category", "site_id", "AdId", "UserId", "extra" }, records.Columns);
    }

    [Fact]
    public void A_column_that_appears_twice_in_the_header_is_ambiguous()
    {
        using var temp = new TempCsv("ads.csv", "UserId,AdId,site_id,Category,Price,Clicked,Price\n");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.StartsWith("ads.csv: column 'Price' (member Price) appears 2 times. The header has 7 columns:", error.Message);
    }

    [Fact]
    public void An_empty_file_has_no_header()
    {
        using var temp = new TempCsv("empty.csv", "");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.Equal("empty.csv: the file is empty: no header line", error.Message);
    }

    [Fact]
    public void A_long_bad_value_is_shortened_in_the_message()
    {
        string value = new('x', 100);

        var error = ReadFails(Header + $"1,2,s,c,{value},0\n");

        Assert.Equal($"bad.csv line 2, column Price: '{new string('x', 57)}...' is not a number", error.Message);
    }

    [Fact]
    public void Line_numbers_count_the_lines_of_quoted_fields_that_span_lines()
    {
        // Row 1 starts on line 2 and its quoted category spans lines 2-3, so the bad row starts on line 4.
        var error = ReadFails(Header + "1,2,s,\"two\nlines\",1,0\n1,2,s,c,oops,0\n");

        Assert.Equal("bad.csv line 4, column Price: 'oops' is not a number", error.Message);
    }

    [Fact]
    public void Text_read_from_a_reader_is_named_by_the_given_source_name()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(Header + "x,2,s,c,1,0\n"), "request body");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("request body line 2, column UserId: 'x' is not an integer", error.Message);
    }

    [Fact]
    public void Records_can_be_enumerated_once()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(Header + "1,2,s,c,1,0\n"), "once");
        Assert.Single(records);

        var error = Assert.Throws<InvalidOperationException>(() => records.ToList());

        Assert.Equal("The records of once can be enumerated once; open the file again to reread it.", error.Message);
    }
}
