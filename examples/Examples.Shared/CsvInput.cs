using RecDsl.Data;
using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>The <c>--data path.csv</c> option: reads a file with the record's generated CSV reader (columns by member
/// name or <c>[Column]</c>; <c>docs/data.md</c>) and splits it 80/10/10 after a seeded shuffle.</summary>
public static class CsvInput
{
    /// <summary>Every record of <paramref name="path"/>, split; prints what was read. A missing file, a missing column
    /// or a bad row throws <see cref="CsvDataException"/> naming the file (and the line and column).</summary>
    public static DataSplit<T> Read<T>(CsvRecordReader<T> reader, string path, int seed)
    {
        if (!File.Exists(path)) throw new CsvDataException(path, 0, null, "no such file");
        using var records = reader.Open(path);
        var rows = records.ToList();
        AnsiConsole.WriteLine(records.Report.ToString());
        if (rows.Count < 10)
            throw new CsvDataException(Path.GetFileName(path), 0, null, $"{rows.Count} rows are too few to split into train, validation and test");
        return DataSplit<T>.Shuffled(rows, seed);
    }
}
