namespace RecDsl.Data;

/// <summary>A CSV or Parquet file cannot be read as the declared records. The message says where and why, e.g.
/// <c>criteo.txt line 17, column I5: 'abc' is not a number</c> (<c>criteo.parquet row 17, ...</c> for a Parquet file,
/// which has rows, not lines); the parts are also properties.</summary>
public sealed class CsvDataException : Exception
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public CsvDataException(string source, long line, string? column, string reason, Exception? inner = null)
        : this(source, line, column, reason, inner, numbersRows: false)
    {
    }

    internal CsvDataException(string source, long line, string? column, string reason, Exception? inner, bool numbersRows)
        : base(Describe(source, line, column, reason, numbersRows), inner)
    {
        SourceName = source;
        Line = line;
        Column = column;
        Reason = reason;
        NumbersRows = numbersRows;
    }

    /// <summary>The file name (or the name given with a <see cref="TextReader"/>).</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the file where the row starts (the header is line 1); for a Parquet file the
    /// 1-based row number (<see cref="NumbersRows"/>); 0 for a problem with the file as a whole (missing columns,
    /// empty file).</summary>
    public long Line { get; }

    /// <summary>Whether <see cref="Line"/> counts rows (a Parquet file) rather than text lines.</summary>
    public bool NumbersRows { get; }

    /// <summary>The column name as the file spells it, or null when the problem is the row or the file.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, with the offending value quoted: <c>'abc' is not a number</c>.</summary>
    public string Reason { get; }

    /// <summary>The location and reason in the message's format, without the file name:
    /// <c>line 17, column I5: 'abc' is not a number</c>.</summary>
    public string Where => Describe(null, Line, Column, Reason, NumbersRows);

    private static string Describe(string? source, long line, string? column, string reason, bool numbersRows)
    {
        var at = new List<string>(3);
        if (source is not null) at.Add(source);
        if (line > 0) at.Add(numbersRows ? $"row {line}" : $"line {line}");
        string place = string.Join(" ", at);
        if (column is not null) place = place.Length == 0 ? $"column {column}" : $"{place}, column {column}";
        return place.Length == 0 ? reason : $"{place}: {reason}";
    }
}
