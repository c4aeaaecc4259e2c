using System.Globalization;
using RecDsl.Data;

namespace RecDsl.Tests.Data;

public class AvazuHourTests
{
    [Fact]
    public void Every_hour_of_the_avazu_period_agrees_with_a_date_parser()
    {
        // Avazu spans 2014-10-21 to 2014-10-31; check every hour of it and a leap day.
        for (var t = new DateTime(2014, 10, 21); t < new DateTime(2014, 11, 1); t = t.AddHours(1))
        {
            int field = int.Parse(t.ToString("yyMMddHH", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.Equal(t, AvazuHour.ToDateTime(field));
            Assert.Equal(t.Hour, AvazuHour.HourOfDay(field));
            Assert.Equal(t.DayOfWeek, AvazuHour.Weekday(field));
        }
        Assert.Equal(new DateTime(2016, 2, 29, 23, 0, 0), AvazuHour.ToDateTime(16022923));
        Assert.Equal(DateTimeKind.Utc, AvazuHour.ToDateTime(14102100).Kind);
    }

    [Theory]
    [InlineData(14102124)] // hour 24
    [InlineData(14132100)] // month 13
    [InlineData(14113100)] // 31 November
    [InlineData(15022900)] // 29 February 2015
    [InlineData(14100000)] // day 0
    [InlineData(-1)]
    public void An_impossible_hour_is_an_error_quoting_it(int field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AvazuHour.ToDateTime(field));

        Assert.StartsWith($"'{field}' is not an Avazu hour (YYMMDDHH)", error.Message);
    }
}
