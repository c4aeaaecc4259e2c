namespace RecDsl.Schema;

/// <summary>
/// The row convention every embedding table follows, so that padding and unseen ids can never collide
/// with a real id: row 0 is padding (masked out, never contributes), row 1 is the OOV row (learned, shared
/// by every unseen or out-of-range id of the feature), and real id <c>v</c> lives at row <c>v + 2</c>.
/// </summary>
public static class EmbeddingRows
{
    /// <summary>The padding row.</summary>
    public const long Padding = 0;

    /// <summary>The out-of-vocabulary row.</summary>
    public const long Oov = 1;

    /// <summary>Number of reserved rows before the first real id.</summary>
    public const long Reserved = 2;

    /// <summary>Row of real id <paramref name="id"/> in a table of <paramref name="cardinality"/> ids, or
    /// <see cref="Oov"/> when the id is out of range.</summary>
    public static long RowOf(long id, long cardinality) => (ulong)id < (ulong)cardinality ? id + Reserved : Oov;
}
