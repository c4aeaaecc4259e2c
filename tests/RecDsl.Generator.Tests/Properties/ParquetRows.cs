using System.Collections;
using System.Reflection;
using static RecDsl.Tests.Shared.ParquetTestFile;

namespace RecDsl.Generator.Tests.Properties;

/// <summary>Writes records of any type as a Parquet file, read by reflection, one column per member under the name the
/// reader binds: typed as a Parquet writer stores them (ints, longs, shorts, bytes, bools, floats, doubles; enums
/// and strings as text; sequences as list columns), sometimes widened (an int as int64, a float as double, as pandas
/// writes them) and non-nullable values sometimes in optional columns; the rows split into two row groups.</summary>
internal static class ParquetRows
{
    private static readonly MethodInfo RequiredColumn = Method(nameof(Required));
    private static readonly MethodInfo OptionalColumn = Method(nameof(Optional));
    private static readonly MethodInfo ListColumn = Method(nameof(Lists));

    public static void Write(string path, IReadOnlyList<object> rows, IReadOnlyList<(string Member, string Column)> columns, Random random)
    {
        var split = 1 + random.Next(rows.Count - 1);
        var choices = columns.Select(_ => (Widen: random.Next(2) == 0, Optional: random.Next(2) == 0)).ToList();
        var members = columns.Select(c => Member(rows[0].GetType(), c.Member)).ToList();
        Column[] Group(IEnumerable<object> group)
        {
            var slice = group.ToList();
            return columns.Select((c, i) => ColumnOf(c.Column, slice.Select(members[i].Get).ToList(), members[i].Type, choices[i])).ToArray();
        }
        ParquetTestFile.Write(path, Group(rows.Take(split)), Group(rows.Skip(split)));
    }

    private static Column ColumnOf(string name, List<object?> values, Type type, (bool Widen, bool Optional) choice)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || underlying.IsEnum)
            return Strings(name, values.Select(v => v?.ToString()).ToArray());
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetInterfaces().Append(type)
                .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
            var items = values.Select(v => ((IEnumerable)v!).Cast<object?>().ToList()).ToList();
            if (element == typeof(string) || element.IsEnum)
                return StringLists(name, items.Select(r => r.Select(x => x?.ToString()).ToArray()).ToArray());
            var rowsOfItems = Array.CreateInstance(typeof(Nullable<>).MakeGenericType(element).MakeArrayType(), items.Count);
            for (int r = 0; r < items.Count; r++) rowsOfItems.SetValue(Typed(items[r], element, nullable: true), r);
            return (Column)ListColumn.MakeGenericMethod(element).Invoke(null, new object[] { name, rowsOfItems })!;
        }
        // Wider physical types, as pandas and Spark write them: the reader must give the same values.
        var stored = choice.Widen && (underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte)) ? typeof(long)
            : choice.Widen && underlying == typeof(float) ? typeof(double)
            : underlying;
        var converted = values.Select(v => v is null ? null : Convert.ChangeType(v, stored)).ToList();
        var optional = type != underlying || choice.Optional;
        return (Column)(optional ? OptionalColumn : RequiredColumn).MakeGenericMethod(stored)
            .Invoke(null, new object[] { name, Typed(converted, stored, optional) })!;
    }

    /// <summary>A T[] or T?[] of the values, for the generic column makers.</summary>
    private static Array Typed(List<object?> values, Type element, bool nullable)
    {
        var array = Array.CreateInstance(nullable ? typeof(Nullable<>).MakeGenericType(element) : element, values.Count);
        for (int i = 0; i < values.Count; i++) array.SetValue(values[i], i);
        return array;
    }

    /// <summary>A member's type and how to read it from a record (a property or a field).</summary>
    private static (Type Type, Func<object, object?> Get) Member(Type record, string name) =>
        record.GetProperty(name) is { } property
            ? (property.PropertyType, property.GetValue)
            : record.GetField(name) is { } field ? (field.FieldType, field.GetValue) : throw new InvalidOperationException($"{record.Name} has no member {name}");

    private static MethodInfo Method(string name) => typeof(ParquetTestFile).GetMethod(name)!;
}
