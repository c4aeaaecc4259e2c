using System.Globalization;
using System.Numerics;
using nietras.SeparatedValues;

namespace RecDsl.Data;

/// <summary>
/// One row of a CSV file, handed to the generated reader's row function. The accessors take the column index that
/// <see cref="CsvHeader.Column"/> resolved, parse the field with the invariant culture, and throw a
/// <see cref="CsvDataException"/> naming file, line, column and value when the field does not fit the member.
/// </summary>
/// <remarks>
/// Empty fields: the plain accessors reject them, the <c>GetNullable*</c> accessors return null, and the
/// overloads with a default return the default. Floating-point accessors also reject NaN and infinities (written
/// <c>NaN</c>, <c>Infinity</c> or overflowing like <c>1e999</c>) unless a default replaces them, because a
/// non-finite dense value poisons a whole batch. Valid only during the call it is passed to.
/// </remarks>
public readonly ref struct CsvRow
{
    private readonly SepReader.Row row;
    private readonly CsvHeader header;

    internal CsvRow(SepReader.Row row, CsvHeader header, long lineNumber)
    {
        this.row = row;
        this.header = header;
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line of the file where this row starts (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The raw text of a field (quotes removed).</summary>
    public ReadOnlySpan<char> GetSpan(int column) => row[column].Span;

    /// <summary>Whether the field is empty.</summary>
    public bool IsEmpty(int column) => row[column].Span.IsEmpty;

    /// <summary>The field as a string; an empty field gives "".</summary>
    public string GetString(int column) => row[column].Span.ToString();

    /// <summary>The field as a string; an empty field gives null (a missing id: the collator maps it to the OOV row).</summary>
    public string? GetNullableString(int column)
    {
        var span = row[column].Span;
        return span.IsEmpty ? null : span.ToString();
    }

    /// <summary>An integer of any width; an empty field, a non-integer or an out-of-range value is an error.</summary>
    public T GetInteger<T>(int column) where T : struct, IBinaryInteger<T>
    {
        var span = row[column].Span;
        if (span.IsEmpty) throw Error(column, "empty field, expected an integer");
        return ParseInteger<T>(column, span);
    }

    /// <summary>An integer of any width; an empty field gives <paramref name="ifEmpty"/>.</summary>
    public T GetInteger<T>(int column, T ifEmpty) where T : struct, IBinaryInteger<T>
    {
        var span = row[column].Span;
        return span.IsEmpty ? ifEmpty : ParseInteger<T>(column, span);
    }

    /// <summary>An integer of any width; an empty field gives null.</summary>
    public T? GetNullableInteger<T>(int column) where T : struct, IBinaryInteger<T>
    {
        var span = row[column].Span;
        return span.IsEmpty ? null : ParseInteger<T>(column, span);
    }

    /// <summary>A finite float or double; an empty field, a non-number, NaN or an infinity is an error.</summary>
    public T GetFloat<T>(int column) where T : struct, IFloatingPointIeee754<T>
    {
        var span = row[column].Span;
        if (span.IsEmpty) throw Error(column, "empty field, expected a number");
        var value = ParseFloat<T>(column, span);
        if (!T.IsFinite(value)) throw Error(column, $"{CsvValueText.Quote(span)} is not a finite number");
        return value;
    }

    /// <summary>A finite float or double; an empty field, NaN or an infinity gives <paramref name="ifMissing"/>
    /// (what <c>[Dense(Default = ...)]</c> declares). Text that is not a number is still an error.</summary>
    public T GetFloat<T>(int column, T ifMissing) where T : struct, IFloatingPointIeee754<T>
    {
        var span = row[column].Span;
        if (span.IsEmpty) return ifMissing;
        var value = ParseFloat<T>(column, span);
        return T.IsFinite(value) ? value : ifMissing;
    }

    /// <summary>A finite float or double; an empty field gives null, NaN or an infinity is an error.</summary>
    public T? GetNullableFloat<T>(int column) where T : struct, IFloatingPointIeee754<T>
    {
        var span = row[column].Span;
        if (span.IsEmpty) return null;
        var value = ParseFloat<T>(column, span);
        if (!T.IsFinite(value)) throw Error(column, $"{CsvValueText.Quote(span)} is not a finite number");
        return value;
    }

    /// <summary>A bool written 0/1, true/false (any case) or a number equal to 0 or 1 ("1.0"); anything else,
    /// the empty field included, is an error.</summary>
    public bool GetBoolean(int column)
    {
        var span = row[column].Span;
        if (span.IsEmpty) throw Error(column, "empty field, expected 0, 1, true or false");
        return ParseBoolean(column, span);
    }

    /// <summary>A bool as <see cref="GetBoolean"/>; an empty field gives null.</summary>
    public bool? GetNullableBoolean(int column)
    {
        var span = row[column].Span;
        return span.IsEmpty ? null : ParseBoolean(column, span);
    }

    /// <summary>An enum member by name (any case) or by a defined numeric value; anything else is an error.</summary>
    public T GetEnum<T>(int column) where T : struct, Enum
    {
        var span = row[column].Span;
        if (span.IsEmpty) throw Error(column, $"empty field, expected a {typeof(T).Name}");
        return ParseEnum<T>(column, span);
    }

    /// <summary>An enum member as <see cref="GetEnum{T}"/>; an empty field gives null.</summary>
    public T? GetNullableEnum<T>(int column) where T : struct, Enum
    {
        var span = row[column].Span;
        return span.IsEmpty ? null : ParseEnum<T>(column, span);
    }

    /// <summary>
    /// A sequence field split at <paramref name="separator"/> (the <c>[Column(Separator = ...)]</c>, '|' by default)
    /// and parsed item by item: <c>"3|17|5"</c> gives 3, 17, 5 in file order (oldest first, as histories are written).
    /// An empty field is an empty sequence; an empty or unparsable item is an error.
    /// </summary>
    /// <remarks>The span is a per-thread buffer reused by the next call: copy it into the member at once
    /// (<c>History = [.. row.GetItems&lt;int&gt;(history, '|')]</c>).</remarks>
    public ReadOnlySpan<T> GetItems<T>(int column, char separator) where T : ISpanParsable<T>
    {
        var field = row[column].Span;
        if (field.IsEmpty) return ReadOnlySpan<T>.Empty;
        int count = field.Count(separator) + 1;
        var items = ItemBuffer<T>.Get(count);
        var rest = field;
        for (int k = 0; k < count; k++)
        {
            int end = rest.IndexOf(separator);
            var item = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<char>.Empty : rest[(end + 1)..];
            if (item.IsEmpty) throw Error(column, $"item {k + 1} of {CsvValueText.Quote(field)} is empty");
            if (!T.TryParse(item, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(column, $"item {k + 1} of {CsvValueText.Quote(field)}: {CsvValueText.Quote(item)} is not a valid {CsvValueText.TypeName<T>()}");
            }
            items[k] = value;
        }
        return items.AsSpan(0, count);
    }

    /// <summary>An error at this row and <paramref name="column"/> (for hand-written conversions that want the
    /// same message format).</summary>
    public CsvDataException Error(int column, string reason) =>
        new(header.SourceName, LineNumber, header.Names[column], reason);

    private T ParseInteger<T>(int column, ReadOnlySpan<char> span) where T : struct, IBinaryInteger<T>
    {
        if (T.TryParse(span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw Error(column, CsvValueText.LooksLikeInteger(span)
            ? $"{CsvValueText.Quote(span)} is out of range for {CsvValueText.TypeName<T>()}"
            : $"{CsvValueText.Quote(span)} is not an integer");
    }

    private T ParseFloat<T>(int column, ReadOnlySpan<char> span) where T : struct, IFloatingPointIeee754<T>
    {
        // Sep parses float and double with csFastFloat: 20% faster typed reads of a Criteo-shaped file than
        // T.TryParse (docs/data.md). The reader's culture is invariant.
        if (row[column].TryParse<T>(out var value)) return value;
        throw Error(column, $"{CsvValueText.Quote(span)} is not a number");
    }

    private bool ParseBoolean(int column, ReadOnlySpan<char> span)
    {
        var text = span.Trim();
        if (text.SequenceEqual("1") || text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.SequenceEqual("0") || text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        // Labels written by pandas from a float column ("1.0", "0.0").
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && (number == 0 || number == 1))
        {
            return number == 1;
        }
        throw Error(column, $"{CsvValueText.Quote(span)} is not 0, 1, true or false");
    }

    private T ParseEnum<T>(int column, ReadOnlySpan<char> span) where T : struct, Enum
    {
        if (Enum.TryParse<T>(span.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)) return value;
        throw Error(column, $"{CsvValueText.Quote(span)} is not a {typeof(T).Name} ({string.Join(", ", Enum.GetNames<T>())})");
    }
}
