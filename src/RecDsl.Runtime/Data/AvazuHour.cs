using System.Globalization;

namespace RecDsl.Data;

/// <summary>
/// Avazu's <c>hour</c> field, <c>YYMMDDHH</c> in UTC (14102100 = 2014-10-21, 00:00-00:59), turned into the
/// features CTR models use: the hour of the day and the day of the week. Years are 2000 + YY.
/// </summary>
public static class AvazuHour
{
    /// <summary>The start of the hour: 14102113 gives 2014-10-21 13:00 (UTC).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a valid <c>YYMMDDHH</c> (month 13, hour 24, 31 November...).</exception>
    public static DateTime ToDateTime(int yymmddhh)
    {
        int hour = yymmddhh % 100, day = yymmddhh / 100 % 100, month = yymmddhh / 10_000 % 100, year = yymmddhh / 1_000_000;
        if (yymmddhh < 0 || year > 99 || month is < 1 or > 12 || hour > 23 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month))
        {
            throw new ArgumentOutOfRangeException(nameof(yymmddhh), yymmddhh,
                $"'{yymmddhh.ToString(CultureInfo.InvariantCulture)}' is not an Avazu hour (YYMMDDHH)");
        }
        return new DateTime(2000 + year, month, day, hour, 0, 0, DateTimeKind.Utc);
    }

    /// <summary>The hour of the day, 0 to 23.</summary>
    public static int HourOfDay(int yymmddhh) => ToDateTime(yymmddhh).Hour;

    /// <summary>The day of the week (2014-10-21 is a Tuesday).</summary>
    public static DayOfWeek Weekday(int yymmddhh) => ToDateTime(yymmddhh).DayOfWeek;
}
