using Parquet;
using Parquet.Schema;

namespace RecDsl.Data;

/// <summary>
/// The rows of a Parquet file (Parquet.Net, managed): top-level columns by name, like a CSV header; only the
/// columns the record reads are loaded, one row group at a time, so memory is bounded by a row group of those
/// columns. Rows are numbered from 1 across the file, in messages and <see cref="CsvRow.LineNumber"/>.
/// </summary>
internal sealed class ParquetRowSource : RowSource
{
    private readonly ParquetReader reader;
    private readonly Field[] fields;
    private readonly ParquetColumn?[] columns;
    private int groupIndex = -1;
    private int groupRows;
    private int row;
    private long rowNumber;
    private bool disposed;

    private ParquetRowSource(ParquetReader reader, string sourceName)
    {
        this.reader = reader;
        fields = reader.Schema.Fields.ToArray();
        columns = new ParquetColumn?[fields.Length];
        Header = new CsvHeader(sourceName, fields.Select(f => f.Name).ToArray(), numbersRows: true);
    }

    /// <summary>The top-level column names, for the generated reader's <c>Bind</c>.</summary>
    public CsvHeader Header { get; }

    public override long Line => rowNumber;

    public override string AllRowsBadHint => "so the columns probably do not hold what the record declares";

    /// <summary>Reads the file's footer (schema and row groups); owns <paramref name="stream"/> from here on.</summary>
    /// <exception cref="CsvDataException">The stream is not a Parquet file or its footer cannot be read.</exception>
    public static ParquetRowSource Open(Stream stream, string sourceName)
    {
        try
        {
            var options = new ParquetOptions { TreatByteArrayAsString = true };
            var reader = ParquetSync.Wait(async () => await ParquetReader.CreateAsync(stream, options, leaveStreamOpen: false).ConfigureAwait(false));
            return new ParquetRowSource(reader, sourceName);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new CsvDataException(sourceName, 0, null, $"not a readable Parquet file: {error.Message}", error, numbersRows: true);
        }
    }

    /// <summary>Prepares the columns that <c>Bind</c> resolved; a column whose shape or type no member can read
    /// (a struct, a map, a list of lists, binary values) is refused here, before any row, naming its member.</summary>
    public void PrepareBoundColumns()
    {
        var refused = new List<string>();
        foreach (var (index, member) in Header.BoundColumns.OrderBy(b => b.Key))
        {
            var field = fields[index];
            var leaf = field switch
            {
                DataField data => data,
                ListField { Item: DataField item } => item,
                _ => null,
            };
            if (leaf is null || leaf.MaxRepetitionLevel > 1)
            {
                refused.Add($"column '{field.Name}' (member {member}) is a {Describe(field)}; RecDsl reads columns of values and lists of values");
                continue;
            }
            var column = ParquetColumn.For(leaf);
            if (column is null)
            {
                refused.Add($"column '{field.Name}' (member {member}) holds {leaf.ClrType.Name} values, which no member type reads");
                continue;
            }
            columns[index] = column;
        }
        if (refused.Count > 0) throw Header.Error(0, null, string.Join("; ", refused));
    }

    public override bool MoveNext(CsvReadReport report)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        row++;
        while (row >= groupRows)
        {
            if (groupIndex + 1 >= reader.RowGroupCount)
            {
                row = groupRows;
                return false;
            }
            LoadGroup(groupIndex + 1);
            row = 0;
        }
        rowNumber++;
        return true;
    }

    public override string? RowProblem(CsvHeader header) => null;

    public override CsvRow Current(CsvHeader header) => new(this, header, rowNumber);

    /// <summary>Whether the column holds a list in each row.</summary>
    public bool IsList(int column) => Column(column).IsList;

    /// <summary>The current row's value of a flat column as CSV text (empty for a null).</summary>
    public ReadOnlySpan<char> Text(int column)
    {
        var cells = Column(column);
        if (cells.IsList)
        {
            throw Header.Error(rowNumber, Header.Names[column],
                $"the column holds a list of {cells.Leaf.ClrType.Name} in each row; the member that reads it must be a sequence (an array or list)");
        }
        return cells.Text(row);
    }

    /// <summary>The current row's value of an integer column, without text; false for any other column.</summary>
    public bool TryInteger(int column, out long value, out bool isNull) => Column(column).TryInteger(row, out value, out isNull);

    /// <summary>The current row's value of a float column, without text (<see cref="ParquetColumn.TryFloat"/>).</summary>
    public bool TryFloat(int column, bool memberIsDouble, out double value, out bool isNull) =>
        Column(column).TryFloat(row, memberIsDouble, out value, out isNull);

    /// <summary>How many items the current row's list holds.</summary>
    public int ItemCount(int column) => Column(column).ItemCount(row);

    /// <summary>An item of the current row's list as CSV text (empty for a null item).</summary>
    public ReadOnlySpan<char> ItemText(int column, int item) => Column(column).ItemText(row, item);

    /// <summary>The current row's list joined by <paramref name="separator"/>, for messages.</summary>
    public string ListText(int column, char separator) => Column(column).ListText(row, separator);

    public override void Dispose()
    {
        if (disposed) return;
        disposed = true;
        ParquetSync.Wait(async () =>
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            return true;
        });
    }

    // Only a bound column is asked for: the generated row function reads the indices Bind resolved.
    private ParquetColumn Column(int column) =>
        columns[column] ?? throw new InvalidOperationException($"column '{Header.Names[column]}' was not resolved by Bind (call CsvHeader.Column for it)");

    private void LoadGroup(int index)
    {
        groupIndex = index;
        try
        {
            // The columns copy their values out, so the group's reader is done with once they are loaded.
            using var group = reader.OpenRowGroupReader(index);
            groupRows = checked((int)group.RowCount);
            foreach (var column in columns) column?.Load(group, groupRows);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            groupRows = 0;
            throw Header.Error(rowNumber + 1, null,
                $"row group {index + 1} of {reader.RowGroupCount} (from this row on) cannot be read: {error.Message}", error);
        }
    }

    private static string Describe(Field field) => field.SchemaType switch
    {
        SchemaType.Struct => "struct",
        SchemaType.Map => "map",
        SchemaType.List => "list of lists or of structs",
        _ => field.SchemaType.ToString(),
    };
}
