using System.Collections;

namespace RecDsl.Data;

/// <summary>
/// The records of one opened CSV or Parquet file, read lazily in one pass: enumerate them one by one, or in batches of N
/// for a collator. Memory stays bounded by the parser's buffer and the batch the caller holds, whatever the
/// file size. Disposing (or finishing a <c>foreach</c>) closes the file; <see cref="Report"/> stays readable.
/// </summary>
public sealed class CsvRecords<T> : IEnumerable<T>, IDisposable
{
    private readonly RowSource source;
    private readonly CsvHeader header;
    private readonly CsvRowReader<T> read;
    private readonly Func<T, string?>? validate;
    private readonly BadRowPolicy badRows;
    private bool started;
    private bool disposed;

    internal CsvRecords(RowSource source, CsvHeader header, CsvRowReader<T> read, Func<T, string?>? validate,
        CsvReadOptions options)
    {
        this.source = source;
        this.header = header;
        this.read = read;
        this.validate = validate;
        badRows = options.BadRows;
        Report = new CsvReadReport(header.SourceName, options.ReportedErrors);
    }

    /// <summary>The column names of the file (from its header, or <see cref="CsvReadOptions.ColumnNames"/>; a Parquet
    /// file's top-level columns).</summary>
    public IReadOnlyList<string> Columns => header.Names;

    /// <summary>Rows read, rows skipped with their first reasons, blank lines: updated as the records are read.</summary>
    public CsvReadReport Report { get; }

    /// <summary>The records in file order. The file can be enumerated once.</summary>
    /// <exception cref="CsvDataException">A bad row under <see cref="BadRowPolicy.Throw"/>, or a file whose every
    /// row was bad under <see cref="BadRowPolicy.Skip"/>.</exception>
    public IEnumerator<T> GetEnumerator()
    {
        Start();
        return new Enumerator(this);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The records in file order, <paramref name="size"/> at a time (the last batch may be shorter);
    /// each batch is a new array the caller may keep.</summary>
    public IEnumerable<T[]> Batches(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Start();
        return ReadBatches(size);
    }

    /// <summary>Closes the file. Idempotent.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        source.Dispose();
    }

    private IEnumerable<T[]> ReadBatches(int size)
    {
        try
        {
            var batch = new T[size];
            int count = 0;
            while (TryReadNext(out var record))
            {
                batch[count++] = record;
                if (count == size)
                {
                    yield return batch;
                    batch = new T[size];
                    count = 0;
                }
            }
            if (count > 0) yield return batch[..count];
        }
        finally
        {
            Dispose();
        }
    }

    private void Start()
    {
        // A finished foreach has disposed the records too, so "already read" is the more useful message.
        if (started)
        {
            throw new InvalidOperationException($"The records of {header.SourceName} can be enumerated once; open the file again to reread it.");
        }
        ObjectDisposedException.ThrowIf(disposed, this);
        started = true;
    }

    /// <summary>Reads rows until one becomes a record, skipping blank lines and (when asked) bad rows.</summary>
    private bool TryReadNext(out T record)
    {
        while (source.MoveNext(Report))
        {
            if (TryBuild(source.Line, out record)) return true;
        }
        if (Report.RowsRead == 0 && Report.RowsSkipped > 0)
        {
            throw header.Error(0, null,
                $"every row is bad ({Report.RowsSkipped} skipped), {source.AllRowsBadHint}; first: {Report.FirstErrors[0].Where}");
        }
        record = default!;
        return false;
    }

    private bool TryBuild(long line, out T record)
    {
        record = default!;
        try
        {
            if (source.RowProblem(header) is { } problem) throw header.Error(line, null, problem);
            record = Build(line);
            if (validate is not null && Validate(record, line) is { } reason) throw header.Error(line, null, reason);
        }
        catch (CsvDataException error) when (badRows == BadRowPolicy.Skip)
        {
            Report.CountSkipped(error);
            return false;
        }
        Report.CountRead();
        return true;
    }

    /// <summary>Runs the row function. A record whose constructor or init accessor rejects a value (an
    /// ArgumentException from the user's own validation, say) is a bad row like a field that does not parse: it
    /// gets the file and line, keeps the original as the inner exception, and follows the skip policy.</summary>
    private T Build(long line)
    {
        try
        {
            return read(source.Current(header));
        }
        catch (Exception error) when (error is not CsvDataException and not OutOfMemoryException)
        {
            throw header.Error(line, null, $"the record rejected the row: {error.Message}", error);
        }
    }

    // A Validate that throws is a bug in it, but its exception alone would not say which row it met: name the line,
    // as for a record whose constructor throws (the original is the inner exception).
    private string? Validate(T record, long line)
    {
        try
        {
            return validate!(record);
        }
        catch (Exception error) when (error is not CsvDataException and not OutOfMemoryException)
        {
            throw header.Error(line, null, $"Validate threw {error.GetType().Name}: {error.Message}", error);
        }
    }

    private sealed class Enumerator : IEnumerator<T>
    {
        private readonly CsvRecords<T> owner;

        public Enumerator(CsvRecords<T> owner) => this.owner = owner;

        public T Current { get; private set; } = default!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (owner.TryReadNext(out var record))
            {
                Current = record;
                return true;
            }
            Current = default!;
            return false;
        }

        public void Reset() => throw new NotSupportedException("Records of a file are read once.");

        public void Dispose() => owner.Dispose();
    }
}
