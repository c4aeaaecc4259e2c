using System.Globalization;
using System.Numerics;
using nietras.SeparatedValues;

namespace RecDsl.Data;

/// <summary>
/// One row of a CSV (or Parquet) file, handed to the generated reader's row function. The accessors take the column index that
/// <see cref="CsvHeader.Column"/> resolved, parse the field with the invariant culture, and throw a
/// <see cref="CsvDataException"/> naming file, line, column and value when the field does not fit the member.
/// </summary>
/// <remarks>
/// Empty fields: the plain accessors reject them, the <c>GetNullable*</c> accessors return null, and the
/// overloads with a default return the default. Floating-point accessors also reject NaN and infinities (written
/// <c>NaN</c>, <c>Infinity</c> or overflowing like <c>1e999</c>) unless a default replaces them, because a
/// non-finite dense value poisons a whole batch. Valid only during the call it is passed to.
/// A Parquet row gives each value as the text a CSV file would hold (a null is an empty field, a list is a sequence
/// field), so both formats have one set of rules and messages (docs/data.md, "Parquet").
/// </remarks>
public readonly ref struct CsvRow
{
    private readonly SepReader.Row row;
    private readonly CsvHeader header;
    private readonly ParquetRowSource? parquet;

    internal CsvRow(SepReader.Row row, CsvHeader header, long lineNumber)
    {
        this.row = row;
        this.header = header;
        LineNumber = lineNumber;
    }

    internal CsvRow(ParquetRowSource parquet, CsvHeader header, long rowNumber)
    {
        this.parquet = parquet;
        this.header = header;
        LineNumber = rowNumber;
    }

    /// <summary>The 1-based line of the file where this row starts (the header is line 1); in a Parquet file the
    /// 1-based row number.</summary>
    public long LineNumber { get; }

    /// <summary>The raw text of a field (quotes removed).</summary>
    public ReadOnlySpan<char> GetSpan(int column) => Field(column);

    /// <summary>Whether the field is empty.</summary>
    public bool IsEmpty(int column) => Field(column).IsEmpty;

    /// <summary>The field as a string; an empty field gives "".</summary>
    public string GetString(int column) => Field(column).ToString();

    /// <summary>The field as a string; an empty field gives null (a missing id: the collator maps it to the OOV row).</summary>
    public string? GetNullableString(int column)
    {
        var span = Field(column);
        return span.IsEmpty ? null : span.ToString();
    }

    /// <summary>An integer of any width; an empty field, a non-integer or an out-of-range value is an error.</summary>
    public T GetInteger<T>(int column) where T : struct, IBinaryInteger<T>
    {
        if (TypedInteger<T>(column, out var typed) is { } present) return present ? typed : throw Error(column, EmptyInteger<T>());
        var span = Field(column);
        if (span.IsEmpty) throw Error(column, EmptyInteger<T>());
        return ParseInteger<T>(column, span);
    }

    /// <summary>An integer of any width; an empty field gives <paramref name="ifEmpty"/>.</summary>
    public T GetInteger<T>(int column, T ifEmpty) where T : struct, IBinaryInteger<T>
    {
        if (TypedInteger<T>(column, out var typed) is { } present) return present ? typed : ifEmpty;
        var span = Field(column);
        return span.IsEmpty ? ifEmpty : ParseInteger<T>(column, span);
    }

    /// <summary>An integer of any width; an empty field gives null.</summary>
    public T? GetNullableInteger<T>(int column) where T : struct, IBinaryInteger<T>
    {
        if (TypedInteger<T>(column, out var typed) is { } present) return present ? typed : null;
        var span = Field(column);
        return span.IsEmpty ? null : ParseInteger<T>(column, span);
    }

    /// <summary>A finite float or double; an empty field, a non-number, NaN or an infinity is an error.</summary>
    public T GetFloat<T>(int column) where T : struct, IFloatingPointIeee754<T>
    {
        if (TypedFloat<T>(column, out var typed) is { } present) return present ? Finite(column, typed) : throw Error(column, EmptyFloat<T>());
        var span = Field(column);
        if (span.IsEmpty) throw Error(column, EmptyFloat<T>());
        var value = ParseFloat<T>(column, span);
        if (!T.IsFinite(value)) throw Error(column, $"{CsvValueText.Quote(span)} is not a finite number");
        return value;
    }

    /// <summary>A finite float or double; an empty field, NaN or an infinity gives <paramref name="ifMissing"/>
    /// (what <c>[Dense(Default = ...)]</c> declares). Text that is not a number is still an error.</summary>
    public T GetFloat<T>(int column, T ifMissing) where T : struct, IFloatingPointIeee754<T>
    {
        if (TypedFloat<T>(column, out var typed) is { } present) return present && T.IsFinite(typed) ? typed : ifMissing;
        var span = Field(column);
        if (span.IsEmpty) return ifMissing;
        var value = ParseFloat<T>(column, span);
        return T.IsFinite(value) ? value : ifMissing;
    }

    /// <summary>A finite float or double; an empty field gives null, NaN or an infinity is an error.</summary>
    public T? GetNullableFloat<T>(int column) where T : struct, IFloatingPointIeee754<T>
    {
        if (TypedFloat<T>(column, out var typed) is { } present) return present ? Finite(column, typed) : null;
        var span = Field(column);
        if (span.IsEmpty) return null;
        var value = ParseFloat<T>(column, span);
        if (!T.IsFinite(value)) throw Error(column, $"{CsvValueText.Quote(span)} is not a finite number");
        return value;
    }

    /// <summary>A bool written 0/1, true/false (any case) or a number equal to 0 or 1 ("1.0"); anything else,
    /// the empty field included, is an error.</summary>
    public bool GetBoolean(int column)
    {
        var span = Field(column);
        if (span.IsEmpty) throw Error(column, "empty field, expected 0, 1, true or false");
        return ParseBoolean(column, span);
    }

    /// <summary>A bool as <see cref="GetBoolean"/>; an empty field gives null.</summary>
    public bool? GetNullableBoolean(int column)
    {
        var span = Field(column);
        return span.IsEmpty ? null : ParseBoolean(column, span);
    }

    /// <summary>An enum member by name (any case) or by a defined numeric value; anything else is an error.</summary>
    public T GetEnum<T>(int column) where T : struct, Enum
    {
        var span = Field(column);
        if (span.IsEmpty) throw Error(column, $"empty field, expected a {typeof(T).Name}" + MissingHint(typeof(T).Name, orDefault: false));
        return ParseEnum<T>(column, span);
    }

    /// <summary>An enum member as <see cref="GetEnum{T}"/>; an empty field gives null.</summary>
    public T? GetNullableEnum<T>(int column) where T : struct, Enum
    {
        var span = Field(column);
        return span.IsEmpty ? null : ParseEnum<T>(column, span);
    }

    /// <summary>
    /// A sequence of integer ids in one field, split at <paramref name="separator"/> (the member's
    /// <c>[Column(Separator = ...)]</c>, '|' by default): <c>"3|17|5"</c> gives 3, 17, 5 in file order (oldest first,
    /// as histories are written). An empty field is an empty sequence; an empty or unparsable item is an error.
    /// </summary>
    /// <remarks>The span is a per-thread buffer that the next item accessor call reuses: copy it into the member at
    /// once (<c>.ToArray()</c>, <see cref="CsvCollections"/>).</remarks>
    public ReadOnlySpan<T> GetIntegerItems<T>(int column, char separator) where T : struct, IBinaryInteger<T>
    {
        var items = ItemBuffer<T>.Get(CountItems(column, separator));
        int count = 0;
        foreach (var item in Items(column, separator))
        {
            if (FieldText.Integer<T>(CheckItem(column, separator, item, count), out var value) is { } reason) throw ItemError(column, separator, count, reason);
            items[count++] = value;
        }
        return items.AsSpan(0, count);
    }

    /// <summary>A sequence of strings in one field, split as <see cref="GetIntegerItems{T}"/> splits ids.</summary>
    /// <remarks>The span is a per-thread buffer that the next item accessor call reuses: copy it at once.</remarks>
    public ReadOnlySpan<string> GetStringItems(int column, char separator)
    {
        var items = ItemBuffer<string>.Get(CountItems(column, separator));
        int count = 0;
        foreach (var item in Items(column, separator))
        {
            string value = CheckItem(column, separator, item, count).ToString();
            items[count++] = value;
        }
        return items.AsSpan(0, count);
    }

    /// <summary>The same as <see cref="GetStringItems"/>, typed for members whose element type is <c>string?</c>
    /// (C# 10 treats the two span types as different); items are never null, an empty item is an error.</summary>
    /// <remarks>The span is a per-thread buffer that the next item accessor call reuses: copy it at once.</remarks>
    public ReadOnlySpan<string?> GetNullableStringItems(int column, char separator) => GetStringItems(column, separator);

    /// <summary>A sequence of bools (0/1, true/false) in one field, split as <see cref="GetIntegerItems{T}"/> splits ids.</summary>
    /// <remarks>The span is a per-thread buffer that the next item accessor call reuses: copy it at once.</remarks>
    public ReadOnlySpan<bool> GetBooleanItems(int column, char separator)
    {
        var items = ItemBuffer<bool>.Get(CountItems(column, separator));
        int count = 0;
        foreach (var item in Items(column, separator))
        {
            if (FieldText.Boolean(CheckItem(column, separator, item, count), out var value) is { } reason) throw ItemError(column, separator, count, reason);
            items[count++] = value;
        }
        return items.AsSpan(0, count);
    }

    /// <summary>A sequence of enum members (names or defined numbers) in one field, split as
    /// <see cref="GetIntegerItems{T}"/> splits ids.</summary>
    /// <remarks>The span is a per-thread buffer that the next item accessor call reuses: copy it at once.</remarks>
    public ReadOnlySpan<T> GetEnumItems<T>(int column, char separator) where T : struct, Enum
    {
        var items = ItemBuffer<T>.Get(CountItems(column, separator));
        int count = 0;
        foreach (var item in Items(column, separator))
        {
            if (FieldText.Enum<T>(CheckItem(column, separator, item, count), out var value) is { } reason) throw ItemError(column, separator, count, reason);
            items[count++] = value;
        }
        return items.AsSpan(0, count);
    }

    /// <summary>An error at this row and <paramref name="column"/> (for hand-written conversions that want the
    /// same message format).</summary>
    public CsvDataException Error(int column, string reason) => header.Error(LineNumber, header.Names[column], reason);

    /// <summary>The field's text: Sep's span, or the Parquet value written as CSV would hold it.</summary>
    private ReadOnlySpan<char> Field(int column) => parquet is null ? row[column].Span : parquet.Text(column);

    // The fix for the most common bad field (Criteo's many empty counts): a member that may be missing says so in its
    // type. Worded for features, since a label stays required (RDSL0005); bools get no hint, as most bools are labels.
    private static string MissingHint(string type, bool orDefault) =>
        $" (a feature that may be missing is declared {type}?{(orDefault ? ", or with [Dense(Default = ...)] to read it as that value" : "")})";

    private static string EmptyInteger<T>() where T : struct, IBinaryInteger<T> =>
        "empty field, expected an integer" + MissingHint(CsvValueText.TypeName<T>(), orDefault: false);

    private static string EmptyFloat<T>() where T : struct, IFloatingPointIeee754<T> =>
        "empty field, expected a number" + MissingHint(CsvValueText.TypeName<T>(), orDefault: true);

    // Parquet integer and float columns skip the text (formatting and parsing 13 floats a row cost 4x the decoding):
    // null when the column is not one (its text is read), else whether the row has a value. The results are those of
    // the text: an integer out of the member's range gets the same message, a double column into a float member is
    // rounded to the nearest float. A float column into a double member goes through text ("0.1", as CSV holds it).
    private bool? TypedInteger<T>(int column, out T value) where T : struct, IBinaryInteger<T>
    {
        value = default;
        if (parquet is null || !parquet.TryInteger(column, out long number, out bool isNull)) return null;
        if (isNull) return false;
        // Saturated to the member's range, the value comes back unchanged exactly when it fits.
        value = T.CreateSaturating(number);
        if (long.CreateTruncating(value) != number) throw Error(column, FieldText.Integer<T>(number.ToString(CultureInfo.InvariantCulture), out _)!);
        return true;
    }

    private bool? TypedFloat<T>(int column, out T value) where T : struct, IFloatingPointIeee754<T>
    {
        value = default;
        if (parquet is null || !parquet.TryFloat(column, memberIsDouble: typeof(T) == typeof(double), out double number, out bool isNull)) return null;
        if (isNull) return false;
        value = T.CreateTruncating(number);
        return true;
    }

    private T Finite<T>(int column, T value) where T : struct, IFloatingPointIeee754<T> =>
        T.IsFinite(value) ? value : throw Error(column, $"{CsvValueText.Quote(value.ToString(null, CultureInfo.InvariantCulture))} is not a finite number");

    private T ParseInteger<T>(int column, ReadOnlySpan<char> span) where T : struct, IBinaryInteger<T> =>
        FieldText.Integer<T>(span, out var value) is { } reason ? throw Error(column, reason) : value;

    private T ParseFloat<T>(int column, ReadOnlySpan<char> span) where T : struct, IFloatingPointIeee754<T>
    {
        // Sep parses float and double with csFastFloat: 20% faster typed reads of a Criteo-shaped file than
        // T.TryParse (docs/data.md). The reader's culture is invariant.
        if (parquet is null ? row[column].TryParse<T>(out var value) : T.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return value;
        throw Error(column, $"{CsvValueText.Quote(span)} is not a number");
    }

    private bool ParseBoolean(int column, ReadOnlySpan<char> span) =>
        FieldText.Boolean(span, out bool value) is { } reason ? throw Error(column, reason) : value;

    private T ParseEnum<T>(int column, ReadOnlySpan<char> span) where T : struct, Enum =>
        FieldText.Enum<T>(span, out var value) is { } reason ? throw Error(column, reason) : value;

    // A Parquet list column has its items already; any other column is a text field split at the separator.
    private int CountItems(int column, char separator)
    {
        if (IsParquetList(column)) return parquet!.ItemCount(column);
        var field = Field(column);
        return field.IsEmpty ? 0 : field.Count(separator) + 1;
    }

    private FieldItems Items(int column, char separator) =>
        IsParquetList(column) ? new FieldItems(parquet!, column) : new FieldItems(Field(column), separator);

    private bool IsParquetList(int column) => parquet is not null && parquet.IsList(column);

    /// <summary>The item, or an error when it is empty ("1||2", a trailing separator, a null list item).</summary>
    private ReadOnlySpan<char> CheckItem(int column, char separator, ReadOnlySpan<char> item, int index) =>
        item.IsEmpty ? throw ItemError(column, separator, index, "it is empty") : item;

    private CsvDataException ItemError(int column, char separator, int index, string reason)
    {
        string field = IsParquetList(column) ? parquet!.ListText(column, separator) : Field(column).ToString();
        return Error(column, $"item {index + 1} of {CsvValueText.Quote(field)}: {reason}");
    }
}
