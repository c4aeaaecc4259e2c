namespace RecDsl.Data;

/// <summary>What a read has done so far: rows turned into records, rows skipped (with the first reasons) and
/// blank lines passed over. Updated while the records are enumerated; final once the enumeration ends.</summary>
public sealed class CsvReadReport
{
    private readonly List<CsvDataException> firstErrors = new();
    private readonly int keep;

    internal CsvReadReport(string sourceName, int keep)
    {
        SourceName = sourceName;
        this.keep = Math.Max(0, keep);
    }

    /// <summary>The file name (or the name given with a reader).</summary>
    public string SourceName { get; }

    /// <summary>Rows turned into records.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Bad rows left out under <see cref="BadRowPolicy.Skip"/> (always 0 under <see cref="BadRowPolicy.Throw"/>).</summary>
    public long RowsSkipped { get; private set; }

    /// <summary>Empty lines, which hold no row (a trailing newline is not counted).</summary>
    public long BlankLines { get; private set; }

    /// <summary>The first skipped rows' errors, in file order (at most <see cref="CsvReadOptions.ReportedErrors"/>).</summary>
    public IReadOnlyList<CsvDataException> FirstErrors => firstErrors;

    internal void CountRead() => RowsRead++;

    internal void CountBlank() => BlankLines++;

    internal void CountSkipped(CsvDataException error)
    {
        RowsSkipped++;
        if (firstErrors.Count < keep) firstErrors.Add(error);
    }

    /// <summary>One line: <c>criteo.txt: 199 rows read, 1 skipped (line 17, column I5: 'abc' is not a number)</c>.</summary>
    public override string ToString()
    {
        string text = $"{SourceName}: {RowsRead} rows read, {RowsSkipped} skipped";
        if (BlankLines > 0) text += $", {BlankLines} blank lines";
        if (firstErrors.Count > 0)
        {
            string more = RowsSkipped > firstErrors.Count ? "; ..." : "";
            text += $" ({string.Join("; ", firstErrors.Select(e => e.Where))}{more})";
        }
        return text;
    }
}
