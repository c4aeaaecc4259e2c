using RecDsl.Training;

namespace RecDsl.Tests.Training;

/// <summary>The one way RecDsl replaces a file (saved models, checkpoints, vocabularies, ONNX and safetensors exports):
/// a hidden temporary beside it, renamed over it only once everything is written.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-atomic-file-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        var path = Path.Combine(folder, "f.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<IOException>(() => AtomicFile.Replace(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("disk full");
        }));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder));
    }

    [Fact]
    public void Files_written_together_replace_their_paths_a_temporary_left_unwritten_leaves_its_path_alone()
    {
        string first = Path.Combine(folder, "new", "a.bin"), second = Path.Combine(folder, "new", "b.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        File.WriteAllBytes(first, [9]);

        AtomicFile.ReplaceTogether(new[] { first, second }, temporaries =>
        {
            Assert.All(temporaries, t => Assert.StartsWith(".", Path.GetFileName(t))); // hidden, beside the target
            File.WriteAllBytes(temporaries[1], [7, 7]);
        });

        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(first));
        Assert.Equal(new byte[] { 7, 7 }, File.ReadAllBytes(second));
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(first)!).Length);
    }

    [Fact]
    public void Missing_folders_are_created()
    {
        var path = Path.Combine(folder, "x", "y", "v.json");
        AtomicFile.Replace(path, stream => stream.WriteByte(42));
        Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(path));
    }
}
