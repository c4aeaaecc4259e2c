namespace RecDsl.Backend;

/// <summary>
/// The native libraries this process has mapped, from <c>/proc/self/maps</c> (Linux): the only reliable answer to
/// "which libtorch did we actually load", since TorchSharp's version string is a compile-time constant.
/// </summary>
public static class MappedLibraries
{
    /// <summary>Full paths of mapped files whose name starts with libtorch, libc10 or libLibTorchSharp; empty where
    /// <c>/proc/self/maps</c> cannot be read.</summary>
    public static IReadOnlyList<string> LibTorch() =>
        All().Where(p =>
        {
            var name = Path.GetFileName(p);
            return name.StartsWith("libtorch", StringComparison.Ordinal) || name.StartsWith("libc10", StringComparison.Ordinal)
                || name.StartsWith("libLibTorchSharp", StringComparison.Ordinal);
        }).ToArray();

    /// <summary>Full paths of the mapped files named exactly <paramref name="fileName"/>.</summary>
    public static IReadOnlyList<string> Named(string fileName) =>
        All().Where(p => Path.GetFileName(p) == fileName).ToArray();

    private static IEnumerable<string> All()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/maps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
        // Format: address perms offset dev inode pathname. Only the pathname contains a '/'.
        var paths = new List<string>();
        foreach (var line in lines)
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0) continue;
            var path = line[slash..].Trim();
            if (!path.EndsWith("(deleted)", StringComparison.Ordinal)) paths.Add(path);
        }
        return paths.Distinct();
    }
}
