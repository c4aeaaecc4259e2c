namespace RecDsl.Collation;

/// <summary>Keeps the most recent items of a sequence given only as an <see cref="IEnumerable{T}"/>.</summary>
public static class SequenceTail
{
    /// <summary>
    /// Copies the last <c>scratch.Length</c> items of <paramref name="items"/> into <paramref name="scratch"/>,
    /// oldest first, and returns how many were copied. One pass, no allocation: a ring buffer, rotated at the end.
    /// </summary>
    public static int Copy<T>(IEnumerable<T>? items, T[] scratch)
    {
        if (items is null || scratch.Length == 0) return 0;
        int capacity = scratch.Length;
        long seen = 0;
        foreach (var item in items)
        {
            scratch[seen % capacity] = item;
            seen++;
        }
        if (seen <= capacity) return (int)seen;
        // The oldest kept item sits at seen % capacity: rotate it to the front.
        int start = (int)(seen % capacity);
        Array.Reverse(scratch, 0, start);
        Array.Reverse(scratch, start, capacity - start);
        Array.Reverse(scratch);
        return capacity;
    }
}
