namespace RecDsl.Generated.Tests.Data;

/// <summary>A CSV file written for one test and deleted after it.</summary>
internal sealed class TempCsv : IDisposable
{
    public TempCsv(string name, string text)
    {
        Folder = Directory.CreateTempSubdirectory("recdsl-csv-").FullName;
        Path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(Path, text);
    }

    public string Folder { get; }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
