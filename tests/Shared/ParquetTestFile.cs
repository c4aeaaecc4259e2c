using Parquet;
using Parquet.Schema;

namespace RecDsl.Tests.Shared;

/// <summary>Writes a Parquet file for a test with Parquet.Net's own writer: columns of values (nullable or not),
/// lists (with null lists, empty lists and null items, levels computed here from the Parquet spec's rules), and a
/// struct; one array of columns per row group.</summary>
internal static class ParquetTestFile
{
    public static void Write(string path, params Column[][] rowGroups)
    {
        var schema = new ParquetSchema(rowGroups[0].Select(c => c.Field));
        var leaves = schema.GetDataFields();
        using var stream = File.Create(path);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            foreach (var group in rowGroups)
            {
                using var rowGroup = writer.CreateRowGroup();
                for (int i = 0; i < group.Length; i++) await group[i].WriteAsync(rowGroup, leaves[i]);
            }
        }).GetAwaiter().GetResult();
    }

    /// <summary>A required column.</summary>
    public static Column Required<T>(string name, params T[] values) where T : struct =>
        new(new DataField<T>(name), (group, leaf) => group.WriteAsync<T>(leaf, values));

    /// <summary>An optional column; null is a Parquet null.</summary>
    public static Column Optional<T>(string name, params T?[] values) where T : struct =>
        new(new DataField<T?>(name), (group, leaf) => group.WriteAsync<T>(leaf, values));

    /// <summary>An optional UTF-8 string column.</summary>
    public static Column Strings(string name, params string?[] values) =>
        new(new DataField<string>(name), (group, leaf) => group.WriteAsync(leaf, values!));

    /// <summary>An optional list of optional values per row (ints, longs, bools...): null is a null list, an empty
    /// array an empty list.</summary>
    public static Column Lists<T>(string name, params T?[]?[] rows) where T : struct =>
        new(new ListField(name, new DataField<T?>("element")), (group, leaf) =>
        {
            var (values, definitions, repetitions) = Levels(rows, leaf.MaxDefinitionLevel);
            return group.WriteAllPartsAsync<T>(leaf, values, definitions, repetitions, default);
        });

    /// <summary>An optional list of optional strings per row.</summary>
    public static Column StringLists(string name, params string?[]?[] rows) =>
        new(new ListField(name, new DataField<string>("element")), (group, leaf) =>
        {
            var boxed = rows.Select(r => r?.Select(s => s is null ? (ReadOnlyMemory<char>?)null : s.AsMemory()).ToArray()).ToArray();
            var (values, definitions, repetitions) = Levels(boxed, leaf.MaxDefinitionLevel);
            return group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, values, definitions, repetitions, default);
        });

    /// <summary>A legacy repeated int field (no LIST wrapper, as older writers make them); every row non-empty.</summary>
    public static Column Repeated(string name, params int[][] rows) =>
        new(new DataField<int[]>(name), (group, leaf) =>
            group.WriteAsync<int>(leaf, rows.SelectMany(r => r).ToArray(), rows.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray()));

    /// <summary>A struct column with one int member.</summary>
    public static Column Struct(string name, params int[] values) =>
        new(new StructField(name, new DataField<int>("inner")), (group, leaf) =>
            group.WriteAllPartsAsync<int>(leaf, values, Enumerable.Repeat(leaf.MaxDefinitionLevel, values.Length).ToArray(), null, default));

    // An optional list of optional items: definition 0 = null list, 1 = empty list, 2 = null item, 3 = a value;
    // repetition 0 starts a row, 1 continues its list.
    private static (T[] Values, int[] Definitions, int[] Repetitions) Levels<T>(T?[]?[] rows, int maxDefinition) where T : struct
    {
        if (maxDefinition != 3) throw new InvalidOperationException($"expected an optional list of optional items, max definition {maxDefinition}");
        var values = new List<T>();
        var definitions = new List<int>();
        var repetitions = new List<int>();
        foreach (var row in rows)
        {
            if (row is null || row.Length == 0)
            {
                definitions.Add(row is null ? 0 : 1);
                repetitions.Add(0);
                continue;
            }
            for (int i = 0; i < row.Length; i++)
            {
                repetitions.Add(i == 0 ? 0 : 1);
                definitions.Add(row[i] is null ? 2 : 3);
                if (row[i] is { } value) values.Add(value);
            }
        }
        return (values.ToArray(), definitions.ToArray(), repetitions.ToArray());
    }

    public sealed record Column(Field Field, Func<ParquetRowGroupWriter, DataField, Task> WriteAsync);
}
