using Parquet;
using Parquet.Schema;

/// <summary>Writes the CSV's rows as a Parquet file of typed columns, as a pandas or Spark export would hold them:
/// the label an int, the 13 counts nullable floats, the 26 ids nullable strings (Snappy, the writer's default).</summary>
internal static class CriteoParquet
{
    public static string PathFor(string csvPath) => Path.ChangeExtension(csvPath, ".parquet");

    public static void Convert(string csvPath, int rowsPerGroup)
    {
        var fields = new List<DataField> { new DataField<int>("label") };
        fields.AddRange(Enumerable.Range(1, 13).Select(i => new DataField<float?>($"I{i}")));
        fields.AddRange(Enumerable.Range(1, 26).Select(i => new DataField<string>($"C{i}")));
        var schema = new ParquetSchema(fields);
        using var output = File.Create(PathFor(csvPath));
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, output);
            foreach (var batch in new CriteoRecordCsvReader().Open(csvPath).Batches(rowsPerGroup))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<int>(fields[0], batch.Select(r => r.Clicked ? 1 : 0).ToArray());
                for (int i = 0; i < 13; i++)
                {
                    var dense = batch.Select(r => Dense(r, i)).ToArray();
                    await group.WriteAsync<float>(fields[1 + i], dense);
                }
                for (int i = 0; i < 26; i++) await group.WriteAsync(fields[14 + i], batch.Select(r => Sparse(r, i)).ToArray()!);
            }
        }).GetAwaiter().GetResult();
        Console.WriteLine($"wrote {PathFor(csvPath)}: {new FileInfo(PathFor(csvPath)).Length / 1e6:F0} MB");
    }

    /// <summary>Parquet.Net alone: every column of every row group decoded, nothing formatted or built (the floor
    /// under the RecDsl Parquet path).</summary>
    public static Checksum DecodeOnly(string parquetPath)
    {
        return Task.Run(async () =>
        {
            await using var reader = await ParquetReader.CreateAsync(File.OpenRead(parquetPath));
            long rows = 0;
            double sum = 0;
            var fields = reader.Schema.GetDataFields();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                rows += group.RowCount;
                foreach (var field in fields)
                {
                    using var data = await group.ReadRawColumnDataBaseAsync(field); // disposed at once, as RecDsl does
                    sum += data is Parquet.Data.RawColumnData<ReadOnlyMemory<char>> text ? text.Values.Length : 1;
                }
            }
            return new Checksum(rows, sum);
        }).GetAwaiter().GetResult();
    }

    private static float? Dense(CriteoRecord r, int i) => i switch
    {
        0 => r.I1, 1 => r.I2, 2 => r.I3, 3 => r.I4, 4 => r.I5, 5 => r.I6, 6 => r.I7, 7 => r.I8, 8 => r.I9, 9 => r.I10,
        10 => r.I11, 11 => r.I12, _ => r.I13,
    };

    private static string? Sparse(CriteoRecord r, int i) => i switch
    {
        0 => r.C1, 1 => r.C2, 2 => r.C3, 3 => r.C4, 4 => r.C5, 5 => r.C6, 6 => r.C7, 7 => r.C8, 8 => r.C9, 9 => r.C10,
        10 => r.C11, 11 => r.C12, 12 => r.C13, 13 => r.C14, 14 => r.C15, 15 => r.C16, 16 => r.C17, 17 => r.C18,
        18 => r.C19, 19 => r.C20, 20 => r.C21, 21 => r.C22, 22 => r.C23, 23 => r.C24, 24 => r.C25, _ => r.C26,
    };
}
