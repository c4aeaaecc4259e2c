namespace RecDsl.Training;

/// <summary>
/// Replaces files whole: each is written under a hidden temporary name beside it, flushed to disk and renamed over
/// its path, so a crash or a failed write (a full disk) leaves the earlier file as it was, never part of a new one.
/// Saved models, checkpoints, vocabularies, the ONNX export and safetensors weights are written this way.
/// </summary>
internal static class AtomicFile
{
    private const int BufferBytes = 1 << 20;

    /// <summary>Replaces <paramref name="path"/> (its folder created if needed) with what <paramref name="write"/>
    /// writes to the stream (seekable).</summary>
    public static void Replace(string path, Action<FileStream> write) => ReplaceThroughPath(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes);
        write(stream);
    });

    /// <summary>Replaces <paramref name="path"/> with the file <paramref name="writeTemporary"/> writes at the path it is
    /// given (for writers that take a path, such as a library's save).</summary>
    public static void ReplaceThroughPath(string path, Action<string> writeTemporary) =>
        ReplaceTogether(new[] { path }, temporaries => writeTemporary(temporaries[0]));

    /// <summary>Replaces several files that belong together: <paramref name="writeTemporaries"/> gets one temporary
    /// path per entry of <paramref name="paths"/> and may leave some unwritten (their paths are left alone). Nothing
    /// is renamed until every file is written and flushed; then they are renamed in the order given (put the files
    /// others refer to first).</summary>
    public static void ReplaceTogether(IReadOnlyList<string> paths, Action<IReadOnlyList<string>> writeTemporaries)
    {
        var targets = paths.Select(Path.GetFullPath).ToArray();
        foreach (var target in targets) Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporaries = targets.Select(Temporary).ToArray();
        try
        {
            writeTemporaries(temporaries);
            var written = temporaries.Select(File.Exists).ToArray();
            for (int i = 0; i < temporaries.Length; i++)
                if (written[i])
                    using (var file = new FileStream(temporaries[i], FileMode.Open, FileAccess.ReadWrite)) file.Flush(flushToDisk: true);
            for (int i = 0; i < temporaries.Length; i++)
                if (written[i]) File.Move(temporaries[i], targets[i], overwrite: true);
        }
        finally
        {
            foreach (var temporary in temporaries) File.Delete(temporary);
        }
    }

    // Hidden, and unique per writer: two processes saving the same path never write into each other's file.
    private static string Temporary(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
