using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace RecDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots without Verify. Each snapshot is <c>Snapshots/{TestClass}.{TestMethod}#{HintName}.verified.cs</c>
/// whose first line is <c>//HintName: ...</c>. A mismatch or a missing file writes <c>.received.cs</c> next to it and
/// fails with the first differing line; <c>RECDSL_ACCEPT_SNAPSHOTS=1</c> accepts instead (refused under <c>CI=true</c>).
/// Both sides are normalised (BOM dropped, LF line ends, one trailing newline, the generator version scrubbed).
/// </summary>
internal static class SnapshotAssert
{
    private static readonly Regex GeneratedCodeVersion = new("GeneratedCode\\(\"RecDsl.Generator\", \"[^\"]*\"\\)", RegexOptions.Compiled);

    /// <summary>Checks every (hint name, text) against its approved file, and that no approved file of this test is stale.</summary>
    public static void Matches(IEnumerable<(string HintName, string Text)> files, string? variant = null,
        [CallerFilePath] string callerFile = "", [CallerMemberName] string testMethod = "")
    {
        var directory = SnapshotDirectory(callerFile);
        var prefix = Path.GetFileNameWithoutExtension(callerFile) + "." + testMethod + (variant is null ? "" : "_" + variant);
        var failures = new List<string>();
        var expectedPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hintName, text) in files.OrderBy(f => f.HintName, StringComparer.Ordinal))
        {
            var verified = Path.Combine(directory, prefix + "#" + hintName.Replace(".g.cs", "") + ".verified.cs");
            expectedPaths.Add(verified);
            var failure = Check(verified, Normalise("//HintName: " + hintName + "\n" + text));
            if (failure is not null) failures.Add(failure);
        }

        // A snapshot whose file is no longer generated is as wrong as a changed one.
        foreach (var stale in Directory.EnumerateFiles(directory, prefix + "#*.verified.cs").Where(p => !expectedPaths.Contains(p)))
        {
            if (Accepting()) File.Delete(stale);
            else failures.Add($"Approved snapshot '{stale}' is no longer generated (delete it, or accept with RECDSL_ACCEPT_SNAPSHOTS=1).");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Checks one text snapshot (e.g. diagnostics) against <c>{prefix}.{name}.verified.txt</c>.</summary>
    public static void MatchesText(string text, string name, [CallerFilePath] string callerFile = "", [CallerMemberName] string testMethod = "")
    {
        var directory = SnapshotDirectory(callerFile);
        var verified = Path.Combine(directory, Path.GetFileNameWithoutExtension(callerFile) + "." + testMethod + "." + name + ".verified.txt");
        var failure = Check(verified, Normalise(text));
        Assert.True(failure is null, failure);
    }

    private static string? Check(string verifiedPath, string actual)
    {
        var receivedPath = verifiedPath.Replace(".verified.", ".received.");
        string? expected = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return null;
        }
        if (Accepting())
        {
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return null;
        }
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        if (expected is null)
            return $"No approved snapshot '{verifiedPath}'. Review '{receivedPath}' and rename it, or run with RECDSL_ACCEPT_SNAPSHOTS=1.";
        return $"Snapshot differs from '{verifiedPath}' ({FirstDifference(expected, actual)}). Received: '{receivedPath}'.";
    }

    private static bool Accepting()
    {
        if (Environment.GetEnvironmentVariable("RECDSL_ACCEPT_SNAPSHOTS") != "1") return false;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("RECDSL_ACCEPT_SNAPSHOTS=1 is refused under CI=true: snapshots are approved by a person, not by CI.");
        return true;
    }

    /// <summary>BOM dropped, LF line ends, exactly one trailing newline, generator version scrubbed.</summary>
    public static string Normalise(string text)
    {
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n");
        text = GeneratedCodeVersion.Replace(text, "GeneratedCode(\"RecDsl.Generator\", \"VERSION\")");
        return text.TrimEnd('\n') + "\n";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right) return $"line {i + 1}: expected `{left}`, got `{right}`";
        }
        return "no line differs";
    }

    // The caller's source folder (CallerFilePath), or the repository's copy found by walking up to RecDsl.sln when
    // path maps rewrote the caller path.
    private static string SnapshotDirectory(string callerFile)
    {
        var fromCaller = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(callerFile)) ?? "", "Snapshots");
        if (Directory.Exists(fromCaller)) return fromCaller;
        var candidate = Path.Combine(Repository.Root, "tests", "RecDsl.Generator.Tests", "Snapshots");
        Directory.CreateDirectory(candidate);
        return candidate;
    }
}
