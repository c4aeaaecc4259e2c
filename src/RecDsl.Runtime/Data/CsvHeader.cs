namespace RecDsl.Data;

/// <summary>The column names of a CSV (or Parquet) file, given to the generated reader's <c>Bind</c> once per file so that it
/// resolves every member's column index before the first row. Missing columns are collected and reported
/// together after <c>Bind</c> returns.</summary>
public sealed class CsvHeader
{
    private readonly List<string> missing = new();
    private readonly List<string> duplicated = new();
    private readonly Dictionary<int, string> bound = new();

    internal CsvHeader(string sourceName, IReadOnlyList<string> names, bool numbersRows = false)
    {
        SourceName = sourceName;
        Names = names;
        NumbersRows = numbersRows;
    }

    /// <summary>Whether rows are numbered as rows (a Parquet file), not as text lines, in messages.</summary>
    internal bool NumbersRows { get; }

    /// <summary>The columns <see cref="Column"/> resolved, each with the first member that reads it: what a Parquet
    /// file needs to load (its other columns are never read).</summary>
    internal IReadOnlyDictionary<int, string> BoundColumns => bound;

    /// <summary>The file name (or the name given with a reader).</summary>
    public string SourceName { get; }

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The index of column <paramref name="name"/> for <paramref name="member"/>: the column spelled exactly
    /// so, else the only column equal to it ignoring case, else the only one equal to it ignoring case and the
    /// whitespace around it (<c>UserId, Site</c> written with a space after each comma). A missing or ambiguous
    /// column is recorded and -1 is returned; the reader then fails before any row with a message that lists every
    /// such column and the header.</summary>
    public int Column(string name, string member)
    {
        int exact = -1, exactCount = 0, folded = -1, foldedCount = 0, trimmed = -1, trimmedCount = 0;
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                if (exactCount++ == 0) exact = i;
            }
            else if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                if (foldedCount++ == 0) folded = i;
            }
            else if (string.Equals(Names[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                if (trimmedCount++ == 0) trimmed = i;
            }
        }
        if (exactCount == 1) return Bound(exact, member);
        if (exactCount > 1)
        {
            duplicated.Add($"column '{name}' (member {member}) appears {exactCount} times");
            return -1;
        }
        if (foldedCount == 1) return Bound(folded, member);
        if (foldedCount > 1)
        {
            missing.Add($"column '{name}' (member {member}) matches {foldedCount} columns that differ only in case");
            return -1;
        }
        if (trimmedCount == 1) return Bound(trimmed, member);
        missing.Add(trimmedCount > 1
            ? $"column '{name}' (member {member}) matches {trimmedCount} columns that differ only in case and surrounding spaces"
            : $"no column '{name}' (member {member})");
        return -1;
    }

    /// <summary>An error at <paramref name="line"/> (a row number for Parquet; 0 for the whole file) of this file.</summary>
    internal CsvDataException Error(long line, string? column, string reason, Exception? inner = null) =>
        new(SourceName, line, column, reason, inner, NumbersRows);

    private int Bound(int index, string member)
    {
        bound.TryAdd(index, member);
        return index;
    }

    /// <summary>Throws when <see cref="Column"/> could not resolve a column.</summary>
    internal void ThrowIfUnresolved()
    {
        if (missing.Count == 0 && duplicated.Count == 0) return;
        var problems = missing.Concat(duplicated);
        string reason = $"{string.Join("; ", problems)}. The header has {Names.Count} columns: {string.Join(", ", Names.Select(Shown))}";
        throw Error(0, null, reason);
    }

    // An empty name or one with spaces around it is quoted; unquoted, ", " would hide it in the list.
    private static string Shown(string name) => name.Length == 0 || name.Trim().Length != name.Length ? $"'{name}'" : name;
}
