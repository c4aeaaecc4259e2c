namespace RecDsl.Data;

/// <summary>A CSV file cannot be read as the declared records. The message says where and why, e.g.
/// <c>criteo.txt line 17, column I5: 'abc' is not a number</c>; the parts are also properties.</summary>
public sealed class CsvDataException : Exception
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public CsvDataException(string source, long line, string? column, string reason, Exception? inner = null)
        : base(Describe(source, line, column, reason), inner)
    {
        SourceName = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name (or the name given with a <see cref="TextReader"/>).</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the file where the row starts (the header is line 1); 0 for a problem with the
    /// file as a whole (missing columns, empty file).</summary>
    public long Line { get; }

    /// <summary>The column name as the file spells it, or null when the problem is the row or the file.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, with the offending value quoted: <c>'abc' is not a number</c>.</summary>
    public string Reason { get; }

    /// <summary>The location and reason in the message's format, without the file name:
    /// <c>line 17, column I5: 'abc' is not a number</c>.</summary>
    public string Where => Describe(null, Line, Column, Reason);

    private static string Describe(string? source, long line, string? column, string reason)
    {
        var at = new List<string>(3);
        if (source is not null) at.Add(source);
        if (line > 0) at.Add($"line {line}");
        string place = string.Join(" ", at);
        if (column is not null) place = place.Length == 0 ? $"column {column}" : $"{place}, column {column}";
        return place.Length == 0 ? reason : $"{place}: {reason}";
    }
}
