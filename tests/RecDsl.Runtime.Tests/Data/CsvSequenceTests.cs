using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>Sequence columns: one field split at the member's separator, into every supported collection type.</summary>
public class CsvSequenceTests
{
    private const string ViewHeader = "ItemId,CategoryId,History,cate_history,Tags,Age,Clicked\n";

    private static List<ItemView> ReadViews(string rows)
    {
        using var records = new ItemViewCsvReader().Open(new StringReader(ViewHeader + rows), "views.csv");
        return records.ToList();
    }

    [Fact]
    public void Items_are_split_in_file_order_with_each_members_separator()
    {
        var view = Assert.Single(ReadViews("7,3,3|17|5,1;2;2,new|sale,41.5,1\n"));

        Assert.Equal(new[] { 3, 17, 5 }, view.History);
        Assert.Equal(new List<int> { 1, 2, 2 }, view.CategoryHistory);
        Assert.Equal(new[] { "new", "sale" }, view.Tags);
        Assert.Equal(41.5, view.Age);
        Assert.Equal(1f, view.Clicked);
    }

    [Fact]
    public void An_empty_field_is_an_empty_history_and_an_empty_dense_field_takes_the_declared_default()
    {
        var view = Assert.Single(ReadViews("7,3,,,,,0\n"));

        Assert.Empty(view.History);
        Assert.Empty(view.CategoryHistory);
        Assert.Empty(view.Tags);
        Assert.Equal(30.0, view.Age);
    }

    [Fact]
    public void A_single_item_has_no_separator()
    {
        var view = Assert.Single(ReadViews("7,3,42,9,x,1,0\n"));

        Assert.Equal(new[] { 42 }, view.History);
        Assert.Equal(new List<int> { 9 }, view.CategoryHistory);
        Assert.Equal(new[] { "x" }, view.Tags);
    }

    [Fact]
    public void Each_record_owns_its_items_although_the_parse_buffer_is_reused()
    {
        var views = ReadViews("1,1,1|2|3,1,a,1,0\n2,2,4|5,2,b|c|d,1,0\n3,3,6,3,,1,0\n");

        Assert.Equal(new[] { 1, 2, 3 }, views[0].History);
        Assert.Equal(new[] { 4, 5 }, views[1].History);
        Assert.Equal(new[] { 6 }, views[2].History);
        Assert.Equal(new[] { "b", "c", "d" }, views[1].Tags);
    }

    [Fact]
    public void A_long_history_is_read_whole_truncation_is_the_collators_job()
    {
        var items = Enumerable.Range(0, 1000).ToArray();

        var view = Assert.Single(ReadViews($"1,1,{string.Join('|', items)},1,a,1,0\n"));

        Assert.Equal(items, view.History);
    }

    [Fact]
    public void An_empty_item_is_an_error_naming_its_position()
    {
        using var records = new ItemViewCsvReader().Open(new StringReader(ViewHeader + "7,3,1||2,1,a,1,0\n"), "views.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("views.csv line 2, column History: item 2 of '1||2': it is empty", error.Message);
    }

    [Fact]
    public void An_item_that_does_not_parse_is_an_error_naming_it()
    {
        using var records = new ItemViewCsvReader().Open(new StringReader(ViewHeader + "7,3,1|2,1;x,a,1,0\n"), "views.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("views.csv line 2, column cate_history: item 2 of '1;x': 'x' is not an integer", error.Message);
    }

    [Fact]
    public void A_trailing_separator_leaves_an_empty_last_item()
    {
        using var records = new ItemViewCsvReader().Open(new StringReader(ViewHeader + "7,3,1|2|,1,a,1,0\n"), "views.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("views.csv line 2, column History: item 3 of '1|2|': it is empty", error.Message);
    }

    [Fact]
    public void A_positional_record_reads_an_enumerable_of_strings_an_enum_and_bools()
    {
        const string text = "UserId,Device,IsMobile,Queries,Price,Clicked,Converted\n" +
            "5,Mobile,1,red shoes|shoes,19.99,1,0\n" +
            "6,tablet,false,,5,0,0\n" +
            "7,0,true,q,1,1,1\n";

        using var records = new TrackingImpressionCsvReader().Open(new StringReader(text), "impressions.csv");
        var rows = records.ToList();

        Assert.Equal((5, DeviceKind.Mobile, true, 19.99, true, false), (rows[0].UserId, rows[0].Device, rows[0].IsMobile, rows[0].Price, rows[0].Clicked, rows[0].Converted));
        Assert.Equal(new[] { "red shoes", "shoes" }, rows[0].Queries);
        Assert.Equal(DeviceKind.Tablet, rows[1].Device);
        Assert.Empty(rows[1].Queries);
        Assert.Equal(DeviceKind.Desktop, rows[2].Device);
    }

    [Theory]
    [InlineData("Phone")]
    [InlineData("7")]
    public void An_unknown_enum_value_is_an_error_listing_the_members(string device)
    {
        string text = "UserId,Device,IsMobile,Queries,Price,Clicked,Converted\n" + $"5,{device},1,q,1,1,0\n";
        using var records = new TrackingImpressionCsvReader().Open(new StringReader(text), "impressions.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal($"impressions.csv line 2, column Device: '{device}' is not a DeviceKind (Desktop, Mobile, Tablet)", error.Message);
    }

    [Fact]
    public void An_empty_enum_field_is_an_error_that_names_the_nullable_declaration()
    {
        string text = "UserId,Device,IsMobile,Queries,Price,Clicked,Converted\n" + "5,,1,q,1,1,0\n";
        using var records = new TrackingImpressionCsvReader().Open(new StringReader(text), "impressions.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("impressions.csv line 2, column Device: empty field, expected a DeviceKind (a feature that may be missing is declared DeviceKind?)", error.Message);
    }

    [Fact]
    public void An_empty_bool_label_is_an_error_without_the_feature_hint()
    {
        // Labels stay required, so the "declare it nullable" hint of features would mislead here.
        string text = "UserId,Device,IsMobile,Queries,Price,Clicked,Converted\n" + "5,Mobile,1,q,1,,0\n";
        using var records = new TrackingImpressionCsvReader().Open(new StringReader(text), "impressions.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("impressions.csv line 2, column Clicked: empty field, expected 0, 1, true or false", error.Message);
    }

    [Fact]
    public void An_immutable_array_of_longs_a_nullable_id_and_a_defaulted_dense_value()
    {
        const string text = "Home,Away,Round,Venues,Odds,HomeWins\n" +
            "ajax,psv,3,9000000000|2,1.75,1\n" +
            "psv,ajax,,,,0\n" +
            "az,ajax,1,5,NaN,0.5\n";

        using var records = new MatchCsvReader().Open(new StringReader(text), "matches.csv");
        var rows = records.ToList();

        Assert.Equal(new[] { 9_000_000_000L, 2L }, rows[0].Venues.ToArray());
        Assert.Equal(3, rows[0].Round);
        Assert.Equal(1.75f, rows[0].Odds);
        Assert.Null(rows[1].Round);
        Assert.True(rows[1].Venues.IsEmpty);
        Assert.Equal(0f, rows[1].Odds);
        Assert.Equal(0f, rows[2].Odds); // NaN replaced by the declared default
        Assert.Equal(0.5, rows[2].HomeWins);
    }

    [Fact]
    public void Enum_bool_short_and_nullable_string_items_in_every_collection_kind()
    {
        const string text = "Devices,flags,Sizes,words,Codes,Bought\n" +
            "Mobile|tablet|0,1 0 true,3|-2,red\tblue,x|y,1\n" +
            ",,,,,0\n";

        using var records = new BasketCsvReader().Open(new StringReader(text), "baskets.csv");
        var rows = records.ToList();

        Assert.Equal(new[] { DeviceKind.Mobile, DeviceKind.Tablet, DeviceKind.Desktop }, rows[0].Devices);
        Assert.Equal(new[] { true, false, true }, rows[0].Flags);
        Assert.Equal(new short[] { 3, -2 }, rows[0].Sizes);
        Assert.Equal(new[] { "red", "blue" }, rows[0].Words);
        Assert.Equal(new[] { "x", "y" }, rows[0].Codes.ToArray());
        Assert.Empty(rows[1].Devices);
        Assert.Empty(rows[1].Flags);
        Assert.Empty(rows[1].Sizes);
        Assert.Empty(rows[1].Words);
        Assert.True(rows[1].Codes.IsEmpty);
    }

    [Theory]
    [InlineData("Phone,1,1,a,b,1", "column Devices: item 1 of 'Phone': 'Phone' is not a DeviceKind (Desktop, Mobile, Tablet)")]
    [InlineData("Mobile,1 yes,1,a,b,1", "column flags: item 2 of '1 yes': 'yes' is not 0, 1, true or false")]
    [InlineData("Mobile,1,1|40000,a,b,1", "column Sizes: item 2 of '1|40000': '40000' is out of range for short")]
    [InlineData("Mobile,1,1,a,b||c,1", "column Codes: item 2 of 'b||c': it is empty")]
    public void Bad_items_of_every_shape_name_the_item_and_the_reason(string row, string expected)
    {
        using var records = new BasketCsvReader().Open(new StringReader("Devices,flags,Sizes,words,Codes,Bought\n" + row + "\n"), "baskets.csv");

        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal("baskets.csv line 2, " + expected, error.Message);
    }
}
