using nietras.SeparatedValues;

namespace RecDsl.Data;

/// <summary>The rows of a CSV text, parsed by Sep. Blank lines, line numbers and field counts are handled here, not by
/// Sep, so that their errors carry our file/line format and skip policy.</summary>
internal sealed class SepRowSource : RowSource
{
    private readonly SepReader sep;
    private readonly int columnCount;
    private long nextLine;
    private bool disposed;

    /// <param name="sep">The parser, past the header line if there is one.</param>
    /// <param name="columnCount">The header's column count: a lone empty field is a blank line only when more were expected.</param>
    /// <param name="firstLine">The line of the first row (2 after a header line).</param>
    public SepRowSource(SepReader sep, int columnCount, long firstLine)
    {
        this.sep = sep;
        this.columnCount = columnCount;
        nextLine = firstLine;
    }

    public override long Line => LineOfCurrent;

    private long LineOfCurrent { get; set; }

    public override string AllRowsBadHint => "so the separator or the header is probably wrong";

    public override bool MoveNext(CsvReadReport report)
    {
        while (sep.MoveNext())
        {
            var row = sep.Current;
            // Sep numbers lines from the row before; our own count (start of the previous row's end) is exact for
            // the first row too and follows quoted fields that span lines.
            LineOfCurrent = nextLine;
            nextLine = row.LineNumberToExcl;
            if (row.ColCount == 1 && row.Span.IsEmpty && columnCount > 1)
            {
                report.CountBlank();
                continue;
            }
            return true;
        }
        return false;
    }

    public override CsvRow Current(CsvHeader header) => new(sep.Current, header, LineOfCurrent);

    public override string? RowProblem(CsvHeader header)
    {
        var row = sep.Current;
        return row.ColCount == header.Names.Count ? null : FieldCountMismatch(row, header.Names.Count);
    }

    public override void Dispose()
    {
        if (disposed) return;
        disposed = true;
        sep.Dispose();
    }

    /// <summary>A quote that is never closed makes the rest of the file one row; say so rather than only count
    /// its fields. Balanced quotes (RFC 4180 doubles a quote inside a quoted field) leave an even count.</summary>
    private string FieldCountMismatch(SepReader.Row row, int expected)
    {
        string counts = $"{row.ColCount} fields, expected {expected}";
        int quotes = row.Span.Count('"');
        if (quotes % 2 == 0) return counts;
        // The quoted field runs to the end of the file, so a final line end is inside the row, not a next line.
        long lastLine = row.LineNumberToExcl - 1 - (row.Span.EndsWith("\n") ? 1 : 0);
        return $"{counts}: a quote (\") on this line is never closed, so lines {LineOfCurrent} to {lastLine} (the rest of the file) were read as one row";
    }
}
