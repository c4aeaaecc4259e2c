namespace RecDsl.Data;

/// <summary>How a CSV file is read. Values are always parsed with the invariant culture ('.' decimal point),
/// fields may be quoted (RFC 4180, quotes removed), and lines may end with LF or CRLF.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The options used when none are given: comma-separated, header on the first line, bad rows throw.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The field separator: ',' by default; '\t' for the raw Criteo files.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The column names of a file that has no header line (the raw Criteo <c>train.txt</c>, for example).
    /// Null (the default) means the first line is the header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Whether a bad row stops the read or is skipped and counted.</summary>
    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Throw;

    /// <summary>How many skip reasons <see cref="CsvReadReport.FirstErrors"/> keeps (the count is always exact).</summary>
    public int ReportedErrors { get; init; } = 10;
}
