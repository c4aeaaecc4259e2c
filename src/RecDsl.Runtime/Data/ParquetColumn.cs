using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace RecDsl.Data;

/// <summary>
/// One column of a Parquet file that the record reads, loaded one row group at a time and handed out as the text a
/// CSV file would hold: the value in the invariant culture (shortest round-trip form for floats, 1/0 for bools),
/// an empty field for a null, one item per list element. A flat column maps a row to its value through the
/// definition levels (nulls take no value); a list column maps a row to its run of level entries (the repetition
/// level 0 starts a row).
/// </summary>
internal abstract class ParquetColumn
{
    // Level entries of a list column: an index into the values, or one of these.
    private const int NullItem = -1, NoItem = -2;

    private int[]? valueOfRow;
    private int[]? rowStart;
    private int[]? valueOfEntry;

    protected ParquetColumn(DataField leaf)
    {
        Leaf = leaf;
    }

    /// <summary>The leaf that holds the values (a list's element field for a list column).</summary>
    public DataField Leaf { get; }

    /// <summary>Whether each row holds a list of values (a repeated field).</summary>
    public bool IsList => Leaf.MaxRepetitionLevel > 0;

    /// <summary>The column for <paramref name="leaf"/> by the type of its values, or null for a type that no member
    /// reads (binary values, intervals).</summary>
    public static ParquetColumn? For(DataField leaf)
    {
        var type = leaf.ClrType;
        if (type == typeof(ReadOnlyMemory<char>)) return new TextColumn(leaf);
        if (type == typeof(bool)) return new BooleanColumn(leaf);
        if (type == typeof(int)) return new IntegerColumn<int>(leaf);
        if (type == typeof(long)) return new IntegerColumn<long>(leaf);
        if (type == typeof(float)) return new FloatColumn<float>(leaf);
        if (type == typeof(double)) return new FloatColumn<double>(leaf);
        if (type == typeof(short)) return new IntegerColumn<short>(leaf);
        if (type == typeof(sbyte)) return new IntegerColumn<sbyte>(leaf);
        if (type == typeof(byte)) return new IntegerColumn<byte>(leaf);
        if (type == typeof(ushort)) return new IntegerColumn<ushort>(leaf);
        if (type == typeof(uint)) return new IntegerColumn<uint>(leaf);
        if (type == typeof(ulong)) return new FormattedColumn<ulong>(leaf);
        if (type == typeof(decimal)) return new FormattedColumn<decimal>(leaf);
        if (type == typeof(Half)) return new FormattedColumn<Half>(leaf);
        if (type == typeof(DateTime)) return new FormattedColumn<DateTime>(leaf);
        if (type == typeof(DateOnly)) return new FormattedColumn<DateOnly>(leaf);
        if (type == typeof(TimeOnly)) return new FormattedColumn<TimeOnly>(leaf);
        if (type == typeof(TimeSpan)) return new FormattedColumn<TimeSpan>(leaf);
        if (type == typeof(Guid)) return new FormattedColumn<Guid>(leaf);
        return null;
    }

    /// <summary>Reads this column of one row group of <paramref name="rows"/> rows.</summary>
    public void Load(ParquetRowGroupReader group, int rows)
    {
        // Copied out and disposed at once: Parquet.Net pools the buffers, and holding them while the next columns
        // are read made it allocate anew, doubling the decoding time (docs/data.md, "Parquet").
        using var data = ParquetSync.Wait(async () => await group.ReadRawColumnDataBaseAsync(Leaf).ConfigureAwait(false));
        int maxDefinition = Leaf.MaxDefinitionLevel;
        if (!IsList)
        {
            valueOfRow = maxDefinition == 0 ? null : ValueIndices(data.DefinitionLevels, maxDefinition, rows, valueOfRow);
            Copy(data);
            return;
        }
        var definitions = data.DefinitionLevels;
        var repetitions = data.RepetitionLevels;
        // A null element (nullable element field) is an item; a lower level is an empty or null list.
        int itemFrom = maxDefinition - (Leaf.IsNullable ? 1 : 0);
        var starts = Reuse(rowStart, rows + 1);
        var entries = Reuse(valueOfEntry, definitions.Length);
        int row = -1, value = 0;
        for (int e = 0; e < definitions.Length; e++)
        {
            if (repetitions[e] == 0)
            {
                if (++row == rows) throw new InvalidDataException($"column '{Leaf.Path}' holds more rows than its row group ({rows})");
                starts[row] = e;
            }
            entries[e] = definitions[e] == maxDefinition ? value++ : definitions[e] >= itemFrom ? NullItem : NoItem;
        }
        if (row + 1 != rows) throw new InvalidDataException($"column '{Leaf.Path}' holds {row + 1} rows, its row group {rows}");
        starts[rows] = definitions.Length;
        rowStart = starts;
        valueOfEntry = entries;
        Copy(data);
    }

    /// <summary>The value of a flat column at <paramref name="row"/> as text; empty for a null.</summary>
    public ReadOnlySpan<char> Text(int row)
    {
        int value = ValueIndex(row);
        return value < 0 ? default : Format(value);
    }

    /// <summary>The value at <paramref name="row"/> of a flat column of integers that fit a long (all but ulong),
    /// without text; false for any other column.</summary>
    public virtual bool TryInteger(int row, out long value, out bool isNull)
    {
        value = 0;
        isNull = false;
        return false;
    }

    /// <summary>The value at <paramref name="row"/> of a flat float or double column, without text; false for any
    /// other column, and for a float column read by a double member (its text, "0.1", is what CSV would hold).</summary>
    public virtual bool TryFloat(int row, bool memberIsDouble, out double value, out bool isNull)
    {
        value = 0;
        isNull = false;
        return false;
    }

    /// <summary>The value index of a flat column's row; negative for a null.</summary>
    protected int ValueIndex(int row) => valueOfRow is null ? row : valueOfRow[row];

    /// <summary>How many items the list at <paramref name="row"/> holds (0 for an empty or null list).</summary>
    public int ItemCount(int row)
    {
        int start = rowStart![row], end = rowStart[row + 1];
        return end - start == 1 && valueOfEntry![start] == NoItem ? 0 : end - start;
    }

    /// <summary>Item <paramref name="item"/> of the list at <paramref name="row"/> as text; empty for a null item.</summary>
    public ReadOnlySpan<char> ItemText(int row, int item)
    {
        int value = valueOfEntry![rowStart![row] + item];
        return value < 0 ? default : Format(value);
    }

    /// <summary>The whole list at <paramref name="row"/> joined by <paramref name="separator"/>, for messages.</summary>
    public string ListText(int row, char separator)
    {
        var items = new string[ItemCount(row)];
        for (int i = 0; i < items.Length; i++) items[i] = ItemText(row, i).ToString();
        return string.Join(separator, items);
    }

    /// <summary>Copies the row group's values out of Parquet.Net's (pooled) buffers into this column's own.</summary>
    protected abstract void Copy(RawColumnData data);

    /// <summary>Value <paramref name="index"/> of the loaded data as text.</summary>
    protected abstract ReadOnlySpan<char> Format(int index);

    /// <summary>The buffer when it is long enough, else a new one: one allocation per column for a file whose row
    /// groups are of one size.</summary>
    protected static T[] Reuse<T>(T[]? buffer, int length) => buffer is not null && buffer.Length >= length ? buffer : new T[length];

    private static int[] ValueIndices(Span<int> definitions, int maxDefinition, int rows, int[]? buffer)
    {
        var indices = Reuse(buffer, rows);
        int value = 0;
        for (int r = 0; r < rows; r++) indices[r] = definitions[r] == maxDefinition ? value++ : -1;
        return indices;
    }

    /// <summary>A column of one value type; the raw data holds only the values that are not null, in order.</summary>
    private abstract class Typed<T> : ParquetColumn where T : struct
    {
        private T[] values = Array.Empty<T>();

        protected Typed(DataField leaf) : base(leaf) { }

        protected T[] Values => values;

        protected override void Copy(RawColumnData raw)
        {
            var source = ((RawColumnData<T>)raw).Values;
            values = Reuse(values, source.Length);
            source.CopyTo(values);
        }
    }

    /// <summary>UTF-8 strings, decoded by Parquet.Net into its pooled buffers: the characters are copied into one
    /// buffer of this column's, each value a (start, length) in it.</summary>
    private sealed class TextColumn(DataField leaf) : ParquetColumn(leaf)
    {
        private char[] chars = Array.Empty<char>();
        private int[] starts = Array.Empty<int>();
        private int[] lengths = Array.Empty<int>();

        protected override void Copy(RawColumnData raw)
        {
            var source = ((RawColumnData<ReadOnlyMemory<char>>)raw).Values;
            long total = 0;
            foreach (var value in source) total += value.Length;
            chars = Reuse(chars, checked((int)total));
            starts = Reuse(starts, source.Length);
            lengths = Reuse(lengths, source.Length);
            int at = 0;
            for (int i = 0; i < source.Length; i++)
            {
                var text = source[i].Span;
                text.CopyTo(chars.AsSpan(at));
                starts[i] = at;
                lengths[i] = text.Length;
                at += text.Length;
            }
        }

        protected override ReadOnlySpan<char> Format(int index) => chars.AsSpan(starts[index], lengths[index]);
    }

    private sealed class BooleanColumn(DataField leaf) : Typed<bool>(leaf)
    {
        protected override ReadOnlySpan<char> Format(int index) => Values[index] ? "1" : "0";
    }

    private class FormattedColumn<T>(DataField leaf) : Typed<T>(leaf) where T : struct, ISpanFormattable
    {
        private char[] buffer = new char[32];

        protected override ReadOnlySpan<char> Format(int index)
        {
            var value = Values[index];
            int written;
            while (!value.TryFormat(buffer, out written, default, CultureInfo.InvariantCulture)) buffer = new char[buffer.Length * 2];
            return buffer.AsSpan(0, written);
        }
    }

    private sealed class IntegerColumn<T>(DataField leaf) : FormattedColumn<T>(leaf) where T : struct, ISpanFormattable, System.Numerics.IBinaryInteger<T>
    {
        public override bool TryInteger(int row, out long value, out bool isNull)
        {
            value = 0;
            isNull = false;
            if (IsList) return false;
            int index = ValueIndex(row);
            if (index < 0) isNull = true;
            else value = long.CreateTruncating(Values[index]);
            return true;
        }
    }

    private sealed class FloatColumn<T>(DataField leaf) : FormattedColumn<T>(leaf) where T : struct, ISpanFormattable, System.Numerics.IFloatingPointIeee754<T>
    {
        public override bool TryFloat(int row, bool memberIsDouble, out double value, out bool isNull)
        {
            value = 0;
            isNull = false;
            if (IsList || (memberIsDouble && typeof(T) != typeof(double))) return false;
            int index = ValueIndex(row);
            if (index < 0) isNull = true;
            else value = double.CreateTruncating(Values[index]);
            return true;
        }
    }
}
