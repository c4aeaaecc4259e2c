namespace RecDsl.Data;

/// <summary>Where <see cref="CsvRecords{T}"/> gets its rows: a CSV text (<see cref="SepRowSource"/>) or a Parquet file
/// (<see cref="ParquetRowSource"/>). The records class keeps what both share: the skip policy, the report, the
/// record's own exceptions and <c>Validate</c>.</summary>
internal abstract class RowSource : IDisposable
{
    /// <summary>Moves to the next row that holds fields, counting blank lines in <paramref name="report"/>; false at the end.</summary>
    public abstract bool MoveNext(CsvReadReport report);

    /// <summary>Where the current row is: its first line (CSV) or its 1-based row number (Parquet).</summary>
    public abstract long Line { get; }

    /// <summary>Why the current row cannot be read at all (a CSV row with the wrong number of fields), or null.</summary>
    public abstract string? RowProblem(CsvHeader header);

    /// <summary>The current row, for the generated row function.</summary>
    public abstract CsvRow Current(CsvHeader header);

    /// <summary>What probably went wrong when every row of the file was bad.</summary>
    public abstract string AllRowsBadHint { get; }

    /// <summary>Closes the file. Idempotent.</summary>
    public abstract void Dispose();
}
