namespace RecDsl.Data;

/// <summary>The items of a sequence field: a CSV field split at its separator, or a Parquet list column's items
/// (a null item is an empty one, which the accessors refuse as they refuse "1||2").</summary>
internal ref struct FieldItems
{
    private ItemSplitter splitter;
    private readonly ParquetRowSource? parquet;
    private readonly int column;
    private readonly int count;
    private int next;

    public FieldItems(ReadOnlySpan<char> field, char separator)
    {
        splitter = new ItemSplitter(field, separator);
        parquet = null;
        column = 0;
        count = 0;
        next = 0;
        Current = default;
    }

    public FieldItems(ParquetRowSource parquet, int column)
    {
        splitter = default;
        this.parquet = parquet;
        this.column = column;
        count = parquet.ItemCount(column);
        next = 0;
        Current = default;
    }

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly FieldItems GetEnumerator() => this;

    public bool MoveNext()
    {
        if (parquet is null)
        {
            if (!splitter.MoveNext()) return false;
            Current = splitter.Current;
            return true;
        }
        if (next == count) return false;
        Current = parquet.ItemText(column, next++);
        return true;
    }
}
