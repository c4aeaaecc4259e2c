using nietras.SeparatedValues;

namespace RecDsl.Data;

/// <summary>
/// Base of the generated <c>{Record}CsvReader</c>: reads a CSV (or Parquet) file as a stream of records, without
/// reflection.
/// The generated <see cref="Bind"/> resolves each member's column once per file (by member name, or the
/// <c>[Column("...")]</c> name) and returns the row function that builds a record from a <see cref="CsvRow"/>.
/// </summary>
/// <remarks>
/// A reader holds only its options, so one instance may open several files, also at the same time; each
/// <see cref="Open(string)"/> binds anew, so files with different column orders are fine.
/// </remarks>
public abstract class CsvRecordReader<T>
{
    /// <summary>Creates the reader with <paramref name="options"/> (<see cref="CsvReadOptions.Default"/> when null).</summary>
    protected CsvRecordReader(CsvReadOptions? options)
    {
        Options = options ?? CsvReadOptions.Default;
    }

    /// <summary>How files are read.</summary>
    public CsvReadOptions Options { get; }

    /// <summary>An optional check of each record after it is built: return null to accept it, or the reason it is
    /// bad (e.g. <see cref="EsmmLabelAudit.Check"/>). A bad record is reported like a bad field, with file and line,
    /// and follows <see cref="CsvReadOptions.BadRows"/>.</summary>
    public Func<T, string?>? Validate { get; init; }

    /// <summary>Resolves the columns of one file and returns the function that reads a row. Generated; call
    /// <see cref="CsvHeader.Column"/> once per member and capture the indices in the returned lambda.</summary>
    protected abstract CsvRowReader<T> Bind(CsvHeader header);

    /// <summary>Opens the file at <paramref name="path"/>. The header is read and bound now, so a missing column
    /// fails here, before any row; the rows are read lazily as the result is enumerated (once). A Parquet file
    /// (recognised by its first bytes, <c>PAR1</c>) is read as <see cref="OpenParquet(string)"/> reads it.</summary>
    /// <exception cref="CsvDataException">The file is empty or lacks a column the record needs.</exception>
    public CsvRecords<T> Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = File.OpenRead(path);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            int read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            if (read == 4 && magic.SequenceEqual("PAR1"u8)) return OpenParquet(stream, Path.GetFileName(path));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return Open(new StreamReader(stream, detectEncodingFromByteOrderMarks: true), Path.GetFileName(path));
    }

    /// <summary>Opens the Parquet file at <paramref name="path"/>: its top-level columns stand for the header, bound
    /// now, and each value is read by the same rules as a CSV field (docs/data.md, "Parquet").</summary>
    /// <exception cref="CsvDataException">The file is not Parquet, lacks a column the record needs, or has a
    /// column no member can read (a struct, a map, binary values).</exception>
    public CsvRecords<T> OpenParquet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return OpenParquet(File.OpenRead(path), Path.GetFileName(path));
    }

    /// <summary>Opens a Parquet file from <paramref name="stream"/>, which must be seekable (the schema is at the end
    /// of the file), named <paramref name="sourceName"/> in messages. The result owns the stream and disposes it.
    /// Only the columns the record reads are loaded, one row group at a time.</summary>
    /// <exception cref="CsvDataException">The stream is not Parquet, lacks a column the record needs, or has a
    /// column no member can read.</exception>
    public CsvRecords<T> OpenParquet(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new ArgumentException($"{sourceName}: a Parquet file is read from its end (the schema is there), so the stream must be seekable; copy it to a file or a MemoryStream first", nameof(stream));
        }
        if (Options.ColumnNames is not null)
        {
            stream.Dispose();
            throw new InvalidOperationException($"{sourceName} is a Parquet file, which names its own columns; CsvReadOptions.ColumnNames is for CSV files without a header line, so read it with a reader that does not set them");
        }
        var source = ParquetRowSource.Open(stream, sourceName);
        try
        {
            var read = Bind(source.Header);
            source.Header.ThrowIfUnresolved();
            source.PrepareBoundColumns();
            return new CsvRecords<T>(source, source.Header, read, Validate, Options);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Opens CSV text from <paramref name="reader"/> (a decompressing stream, a network stream, a string),
    /// named <paramref name="sourceName"/> in messages. The result owns <paramref name="reader"/> and disposes it.</summary>
    /// <exception cref="CsvDataException">The text is empty or lacks a column the record needs.</exception>
    public CsvRecords<T> Open(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        SepReader? sep = null;
        try
        {
            // Headers, column counts and blank lines are handled here (CsvRecords), not by Sep, so that their
            // errors carry our file/line format and skip policy.
            sep = Sep.Reader(o => o with
            {
                Sep = new Sep(Options.Separator),
                HasHeader = false,
                DisableColCountCheck = true,
                Unescape = true,
                CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            }).From(reader);
            var header = new CsvHeader(sourceName, Options.ColumnNames ?? ReadHeaderLine(sep, sourceName));
            var read = Bind(header);
            header.ThrowIfUnresolved();
            var rows = new SepRowSource(sep, header.Names.Count, firstLine: Options.ColumnNames is null ? 2 : 1);
            return new CsvRecords<T>(rows, header, read, Validate, Options);
        }
        catch
        {
            if (sep is not null) sep.Dispose();
            else reader.Dispose();
            throw;
        }
    }

    private static string[] ReadHeaderLine(SepReader sep, string sourceName)
    {
        if (!sep.MoveNext()) throw new CsvDataException(sourceName, 0, null, "the file is empty: no header line");
        var row = sep.Current;
        var names = new string[row.ColCount];
        for (int i = 0; i < names.Length; i++) names[i] = row[i].ToString();
        return names;
    }
}
