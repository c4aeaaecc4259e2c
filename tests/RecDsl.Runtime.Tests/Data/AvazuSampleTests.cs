using System.Globalization;
using RecDsl.Data;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>The raw Avazu sample: snake_case columns, 20-digit row ids, the YYMMDDHH hour, hex ids, negative ints.</summary>
public class AvazuSampleTests
{
    private const string File = "avazu_sample.txt";

    [Fact]
    public void Every_row_matches_the_file_text()
    {
        var header = Fixtures.Header(File);
        var lines = Fixtures.DataFields(File);
        int Col(string name) => Array.IndexOf(header, name);

        using var records = new AvazuImpressionCsvReader().Open(Fixtures.PathOf(File));
        var rows = records.ToList();

        Assert.Equal(100, lines.Length);
        Assert.Equal(lines.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var f = lines[i];
            var r = rows[i];
            Assert.Equal(ulong.Parse(f[Col("id")], CultureInfo.InvariantCulture), r.Id);
            Assert.Equal(f[Col("click")] == "1", r.Click);
            Assert.Equal(int.Parse(f[Col("hour")], CultureInfo.InvariantCulture), r.Hour);
            Assert.Equal(int.Parse(f[Col("C1")], CultureInfo.InvariantCulture), r.C1);
            Assert.Equal(int.Parse(f[Col("banner_pos")], CultureInfo.InvariantCulture), r.BannerPos);
            Assert.Equal(f[Col("site_id")], r.SiteId);
            Assert.Equal(f[Col("app_id")], r.AppId);
            Assert.Equal(f[Col("device_ip")], r.DeviceIp);
            Assert.Equal(int.Parse(f[Col("C14")], CultureInfo.InvariantCulture), r.C14);
            Assert.Equal(int.Parse(f[Col("C20")], CultureInfo.InvariantCulture), r.C20);
        }
        Assert.Contains(rows, r => r.C20 == -1);
        Assert.Equal(10000169349117863715UL, rows[1].Id);
        Assert.Equal("1fbe01fe", rows[0].SiteId);
    }

    [Fact]
    public void A_row_id_above_the_long_range_is_reported_for_a_long_member()
    {
        var lines = Fixtures.DataFields(File);
        int firstTooLarge = Array.FindIndex(lines, f => ulong.Parse(f[0], CultureInfo.InvariantCulture) > long.MaxValue);

        using var records = new AvazuSignedIdCsvReader().Open(Fixtures.PathOf(File));
        var error = Assert.Throws<CsvDataException>(() => records.ToList());

        Assert.Equal($"avazu_sample.txt line {firstTooLarge + 2}, column id: '{lines[firstTooLarge][0]}' is out of range for long", error.Message);
        Assert.Equal("avazu_sample.txt line 3, column id: '10000169349117863715' is out of range for long", error.Message);
    }

    [Fact]
    public void The_hour_field_gives_hour_of_day_and_weekday_as_a_date_parser_reads_it()
    {
        using var records = new AvazuImpressionCsvReader().Open(Fixtures.PathOf(File));

        foreach (var r in records)
        {
            var expected = DateTime.ParseExact(r.Hour.ToString(CultureInfo.InvariantCulture), "yyMMddHH", CultureInfo.InvariantCulture);
            Assert.Equal(expected.Hour, AvazuHour.HourOfDay(r.Hour));
            Assert.Equal(expected.DayOfWeek, AvazuHour.Weekday(r.Hour));
        }
        Assert.Equal(0, AvazuHour.HourOfDay(14102100));
        Assert.Equal(DayOfWeek.Tuesday, AvazuHour.Weekday(14102100));
    }
}
