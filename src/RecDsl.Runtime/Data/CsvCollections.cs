using System.Collections.Immutable;

namespace RecDsl.Data;

/// <summary>Copies the items of a sequence field (a span over a reused buffer) into the member's collection type,
/// in C# 10 syntax (generated code may not use collection expressions). Arrays need no helper: <c>.ToArray()</c>.</summary>
public static class CsvCollections
{
    /// <summary>A new list holding <paramref name="items"/>, with exactly their count as capacity.</summary>
    public static List<T> ToList<T>(ReadOnlySpan<T> items)
    {
        var list = new List<T>(items.Length);
        list.AddRange(items);
        return list;
    }

    /// <summary>An immutable array holding <paramref name="items"/>.</summary>
    public static ImmutableArray<T> ToImmutableArray<T>(ReadOnlySpan<T> items) => ImmutableArray.Create(items);
}
