namespace RecDsl.Data;

/// <summary>The column names of a CSV file, given to the generated reader's <c>Bind</c> once per file so that it
/// resolves every member's column index before the first row. Missing columns are collected and reported
/// together after <c>Bind</c> returns.</summary>
public sealed class CsvHeader
{
    private readonly List<string> missing = new();
    private readonly List<string> duplicated = new();

    internal CsvHeader(string sourceName, IReadOnlyList<string> names)
    {
        SourceName = sourceName;
        Names = names;
    }

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
        if (exactCount == 1) return exact;
        if (exactCount > 1)
        {
            duplicated.Add($"column '{name}' (member {member}) appears {exactCount} times");
            return -1;
        }
        if (foldedCount == 1) return folded;
        if (foldedCount > 1)
        {
            missing.Add($"column '{name}' (member {member}) matches {foldedCount} columns that differ only in case");
            return -1;
        }
        if (trimmedCount == 1) return trimmed;
        missing.Add(trimmedCount > 1
            ? $"column '{name}' (member {member}) matches {trimmedCount} columns that differ only in case and surrounding spaces"
            : $"no column '{name}' (member {member})");
        return -1;
    }

    /// <summary>Throws when <see cref="Column"/> could not resolve a column.</summary>
    internal void ThrowIfUnresolved()
    {
        if (missing.Count == 0 && duplicated.Count == 0) return;
        var problems = missing.Concat(duplicated);
        string reason = $"{string.Join("; ", problems)}. The header has {Names.Count} columns: {string.Join(", ", Names.Select(Shown))}";
        throw new CsvDataException(SourceName, 0, null, reason);
    }

    // An empty name or one with spaces around it is quoted; unquoted, ", " would hide it in the list.
    private static string Shown(string name) => name.Length == 0 || name.Trim().Length != name.Length ? $"'{name}'" : name;
}
