using System.Text;
using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>The text forms a reader accepts: quotes, line ends, byte-order marks, header spelling, bool spellings.</summary>
public class CsvFormatTests
{
    private const string Header = "UserId,AdId,site_id,Category,Price,Clicked\n";

    [Fact]
    public void A_column_differing_only_in_case_binds_when_it_is_the_only_one()
    {
        using var temp = new TempCsv("ads.csv", "userid,ADID,SITE_ID,category,price,clicked\n7,8,s,c,2.5,1\n");

        using var records = new AdClickCsvReader().Open(temp.Path);

        Assert.Equal(new AdClick { UserId = 7, AdId = 8, Site = "s", Category = "c", Price = 2.5f, Clicked = true }, Assert.Single(records));
    }

    [Fact]
    public void Header_names_with_spaces_around_them_bind_and_numbers_with_spaces_parse_while_strings_keep_them()
    {
        // "a, b" headers, as written by hand or by tools that put a space after each comma.
        using var temp = new TempCsv("ads.csv", "UserId, AdId , site_id, Category, Price, Clicked\n7, 8, s, c, 2.5, 1\n");

        using var records = new AdClickCsvReader().Open(temp.Path);

        // Values are taken as written: numbers and bools allow surrounding spaces; a string is a token, space included.
        Assert.Equal(new AdClick { UserId = 7, AdId = 8, Site = " s", Category = " c", Price = 2.5f, Clicked = true }, Assert.Single(records));
    }

    [Fact]
    public void Names_with_spaces_around_them_are_quoted_in_the_header_listing_of_a_missing_column()
    {
        using var temp = new TempCsv("ads.csv", "UserId, AdId,,Category,Price \n");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.Equal("ads.csv: no column 'site_id' (member Site); no column 'Clicked' (member Clicked). " +
            "The header has 5 columns: UserId, ' AdId', '', Category, 'Price '", error.Message);
    }

    [Fact]
    public void Two_columns_equal_but_for_spaces_are_ambiguous()
    {
        using var temp = new TempCsv("ads.csv", "UserId,AdId,site_id,Category, Price,Price ,Clicked\n");

        var error = Assert.Throws<CsvDataException>(() => new AdClickCsvReader().Open(temp.Path));

        Assert.StartsWith("ads.csv: column 'Price' (member Price) matches 2 columns that differ only in case and surrounding spaces.", error.Message);
    }

    [Fact]
    public void Bools_accept_0_1_true_false_in_any_case_and_pandas_floats()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(
            Header + "1,2,s,c,1,1\n1,2,s,c,1,0\n1,2,s,c,1,TRUE\n1,2,s,c,1,false\n1,2,s,c,1,1.0\n1,2,s,c,1,0.0\n"), "labels");

        Assert.Equal(new[] { true, false, true, false, true, false }, records.Select(r => r.Clicked));
    }

    [Fact]
    public void Quoted_fields_keep_their_separators_and_lose_their_quotes()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(Header + "1,2,\"a,b\",\"say \"\"hi\"\"\",1,0\n"), "quoted");

        var ad = Assert.Single(records);

        Assert.Equal("a,b", ad.Site);
        Assert.Equal("say \"hi\"", ad.Category);
    }

    [Fact]
    public void Crlf_line_ends_read_like_lf()
    {
        using var records = new AdClickCsvReader().Open(new StringReader(Header.Replace("\n", "\r\n") + "1,2,s,c,1.5,1\r\n3,4,,d,2,0\r\n"), "windows");

        Assert.Equal(new[]
        {
            new AdClick { UserId = 1, AdId = 2, Site = "s", Category = "c", Price = 1.5f, Clicked = true },
            new AdClick { UserId = 3, AdId = 4, Site = null, Category = "d", Price = 2f, Clicked = false },
        }, records.ToList());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        using var temp = new TempCsv("bom.csv", "");
        File.WriteAllText(temp.Path, Header + "1,2,s,c,1,0\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(temp.Path)[0]);

        using var records = new AdClickCsvReader().Open(temp.Path);

        Assert.Equal(1, Assert.Single(records).UserId);
    }
}
