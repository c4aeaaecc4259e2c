namespace RecDsl.Data;

/// <summary>The reused buffer that the <see cref="CsvRow"/> item accessors split a sequence field into: one per thread
/// and item type, grown to the longest sequence seen, so parsing a history allocates nothing but the record's
/// own copy.</summary>
internal static class ItemBuffer<T>
{
    [ThreadStatic] private static T[]? buffer;

    /// <summary>The buffer, at least <paramref name="length"/> long.</summary>
    public static T[] Get(int length)
    {
        var current = buffer;
        if (current is null || current.Length < length)
        {
            current = new T[Math.Max(length, Math.Max(16, (current?.Length ?? 0) * 2))];
            buffer = current;
        }
        return current;
    }
}
