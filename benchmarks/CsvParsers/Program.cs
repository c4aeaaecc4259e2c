// One-off comparison of Sep and Sylvan.Data.Csv on a Criteo-shaped file (see docs/data.md for the figures).
//
//   dotnet run -c Release --project benchmarks/CsvParsers -- generate /tmp/criteo_1m.csv 1000000
//   dotnet run -c Release --project benchmarks/CsvParsers -- measure /tmp/criteo_1m.csv 3 [name filter]
//   dotnet run -c Release --project benchmarks/CsvParsers -- parquet /tmp/criteo_1m.csv   (writes criteo_1m.parquet)
//
// With a .parquet file beside the CSV (same name), "measure" also reads it with the same RecDsl reader.
// Every scenario reads the whole file on one thread. "fields" only walks the fields (tokenizing cost);
// "typed" parses the label as int, the 13 dense fields as float (empty -> NaN) and makes a string of each of
// the 26 categorical fields, which is what a generated record reader does; "typed+pool" makes those strings
// through the same per-column string pool for both parsers (Criteo ids repeat a lot). The best of N runs counts.
using System.Diagnostics;
using System.Globalization;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: generate <path> <rows> | measure <path> [runs] | parquet <csv path> [rows per group]");
    return 2;
}
if (args[0] == "generate")
{
    CriteoShapedFile.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
    return 0;
}
if (args[0] == "parquet")
{
    CriteoParquet.Convert(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000);
    return 0;
}

string path = args[1];
int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
long bytes = new FileInfo(path).Length;
Console.WriteLine($"file {path}: {bytes / 1e6:F0} MB; .NET {Environment.Version}; {Environment.ProcessorCount} cores; {runs} runs, best counts");

var scenarios = new (string Name, Func<string, Checksum> Run)[]
{
    ("Sep fields", SepParse.Fields),
    ("Sylvan fields", SylvanParse.Fields),
    ("Sep typed", p => SepParse.Typed(p, pooled: false)),
    ("Sep typed BCL float", p => SepParse.Typed(p, pooled: false, bclFloat: true)),
    ("Sylvan typed", p => SylvanParse.Typed(p, pooled: false)),
    ("Sep typed+pool", p => SepParse.Typed(p, pooled: true)),
    ("Sylvan typed+pool", p => SylvanParse.Typed(p, pooled: true)),
    ("RecDsl reader", p => RecDslRead.Records(new CriteoRecordCsvReader().Open(p))),
};
if (File.Exists(CriteoParquet.PathFor(path)))
{
    scenarios = scenarios.Append(("Parquet.Net decode", p => CriteoParquet.DecodeOnly(CriteoParquet.PathFor(p)))).ToArray();
    scenarios = scenarios.Append(("RecDsl Parquet", p => RecDslRead.Records(new CriteoRecordCsvReader().OpenParquet(CriteoParquet.PathFor(p))))).ToArray();
}

// An optional third argument keeps the scenarios whose name contains it ("Parquet", "RecDsl").
if (args.Length > 3) scenarios = scenarios.Where(s => s.Name.Contains(args[3], StringComparison.OrdinalIgnoreCase)).ToArray();
foreach (var (name, run) in scenarios)
{
    run(path); // warm-up: JIT and file cache
    double best = double.MaxValue;
    long allocated = 0;
    Checksum sum = default;
    for (int r = 0; r < runs; r++)
    {
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        sum = run(path);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"{name,-20} {best,6:F3} s  {sum.Rows / best / 1e6,5:F2} M rows/s  {bytes / best / 1e6,6:F0} MB/s  " +
        $"alloc {allocated / 1e6,7:F0} MB  (rows {sum.Rows}, check {sum.Value:F0})");
}
return 0;

/// <summary>A result the JIT cannot drop, and that must agree between parsers.</summary>
internal readonly record struct Checksum(long Rows, double Value);

internal static class CriteoShapedFile
{
    // Missing-value rates and cardinalities of the Criteo Kaggle columns (from the dataset's published stats,
    // rounded), so empty fields and id repetition look like the real file.
    private static readonly double[] DenseEmpty = { .45, 0, .21, .22, .03, .22, .04, .001, .04, .45, .04, .76, .22 };
    private static readonly double[] SparseEmpty =
        { 0, 0, .03, .03, 0, .12, 0, 0, 0, 0, 0, .03, 0, 0, 0, .03, 0, 0, .44, .44, .03, .76, 0, .03, .44, .44 };
    private static readonly int[] Cardinality =
    {
        1460, 583, 10_131_227, 2_202_608, 305, 24, 12_517, 633, 3, 93_145, 5_683, 8_351_593, 3_194, 27, 14_992,
        5_461_306, 10, 5_652, 2_173, 4, 7_046_547, 18, 15, 286_181, 105, 142_572,
    };

    public static void Write(string path, int rows)
    {
        var random = new Random(20240601);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.Write("label");
        for (int i = 1; i <= 13; i++) writer.Write($",I{i}");
        for (int i = 1; i <= 26; i++) writer.Write($",C{i}");
        writer.Write('\n');
        for (int r = 0; r < rows; r++)
        {
            writer.Write(random.NextDouble() < 0.25 ? '1' : '0');
            for (int i = 0; i < 13; i++)
            {
                writer.Write(',');
                if (random.NextDouble() < DenseEmpty[i]) continue;
                // Heavy-tailed counts; half the columns written as "N.0" like the DeepCTR sample.
                long value = (long)Math.Floor(Math.Exp(random.NextDouble() * 9)) - 1;
                writer.Write(value.ToString(CultureInfo.InvariantCulture));
                if (i % 2 == 0) writer.Write(".0");
            }
            for (int i = 0; i < 26; i++)
            {
                writer.Write(',');
                if (random.NextDouble() < SparseEmpty[i]) continue;
                // Skewed id popularity: a few ids take most rows, as in real logs.
                double u = random.NextDouble();
                long index = (long)(Cardinality[i] * u * u * u * u);
                uint hex = (uint)(((ulong)index * 0x9E3779B97F4A7C15UL + (ulong)i * 0xBF58476D1CE4E5B9UL) >> 32);
                writer.Write(hex.ToString("x8", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }
}

/// <summary>A direct-mapped string cache per column (4096 slots, strings up to 32 chars), the same for both
/// parsers: a hit returns the cached string, a miss makes a string and takes the slot. Bounded memory.</summary>
internal sealed class ColumnPool
{
    private const int Slots = 4096;
    private readonly string?[][] columns;

    public ColumnPool(int count)
    {
        columns = new string?[count][];
        for (int i = 0; i < count; i++) columns[i] = new string?[Slots];
    }

    public string Get(int column, ReadOnlySpan<char> span)
    {
        if (span.Length > 32) return span.ToString();
        uint hash = 2166136261;
        foreach (char c in span) hash = (hash ^ c) * 16777619;
        ref string? slot = ref columns[column][hash & (Slots - 1)];
        if (slot is not null && span.SequenceEqual(slot)) return slot;
        return slot = span.ToString();
    }
}

internal static class SepParse
{
    private static SepReader Open(string path) =>
        Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true }).FromFile(path);

    public static Checksum Fields(string path)
    {
        using var reader = Open(path);
        long rows = 0, length = 0;
        foreach (var row in reader)
        {
            for (int i = 0; i < row.ColCount; i++) length += row[i].Span.Length;
            rows++;
        }
        return new Checksum(rows, length);
    }

    public static Checksum Typed(string path, bool pooled, bool bclFloat = false)
    {
        using var reader = Open(path);
        var pool = new ColumnPool(26);
        long rows = 0;
        double sum = 0;
        foreach (var row in reader)
        {
            sum += int.Parse(row[0].Span, NumberStyles.Integer, CultureInfo.InvariantCulture);
            for (int i = 1; i <= 13; i++)
            {
                var col = row[i];
                float value = col.Span.IsEmpty ? float.NaN
                    : bclFloat ? float.Parse(col.Span, NumberStyles.Float, CultureInfo.InvariantCulture) : col.Parse<float>();
                if (!float.IsNaN(value)) sum += value;
            }
            for (int i = 14; i < 40; i++)
            {
                var span = row[i].Span;
                string text = pooled ? pool.Get(i - 14, span) : span.ToString();
                sum += text.Length;
            }
            rows++;
        }
        return new Checksum(rows, sum);
    }
}

internal static class RecDslRead
{
    /// <summary>The whole RecDsl path: a CriteoRecord per row (nullable floats, nullable strings), as a user gets them.</summary>
    public static Checksum Records(RecDsl.Data.CsvRecords<CriteoRecord> records)
    {
        using var _ = records;
        long rows = 0;
        double sum = 0;
        foreach (var r in records)
        {
            sum += r.Clicked ? 1 : 0;
            sum += (double)(r.I1 ?? 0) + (r.I2 ?? 0) + (r.I3 ?? 0) + (r.I4 ?? 0) + (r.I5 ?? 0) + (r.I6 ?? 0) + (r.I7 ?? 0) +
                (r.I8 ?? 0) + (r.I9 ?? 0) + (r.I10 ?? 0) + (r.I11 ?? 0) + (r.I12 ?? 0) + (r.I13 ?? 0);
            sum += (r.C1?.Length ?? 0) + (r.C2?.Length ?? 0) + (r.C3?.Length ?? 0) + (r.C4?.Length ?? 0) + (r.C5?.Length ?? 0) +
                (r.C6?.Length ?? 0) + (r.C7?.Length ?? 0) + (r.C8?.Length ?? 0) + (r.C9?.Length ?? 0) + (r.C10?.Length ?? 0) +
                (r.C11?.Length ?? 0) + (r.C12?.Length ?? 0) + (r.C13?.Length ?? 0) + (r.C14?.Length ?? 0) + (r.C15?.Length ?? 0) +
                (r.C16?.Length ?? 0) + (r.C17?.Length ?? 0) + (r.C18?.Length ?? 0) + (r.C19?.Length ?? 0) + (r.C20?.Length ?? 0) +
                (r.C21?.Length ?? 0) + (r.C22?.Length ?? 0) + (r.C23?.Length ?? 0) + (r.C24?.Length ?? 0) + (r.C25?.Length ?? 0) +
                (r.C26?.Length ?? 0);
            rows++;
        }
        return new Checksum(rows, sum);
    }
}

internal static class SylvanParse
{
    private static CsvDataReader Open(string path) =>
        CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });

    public static Checksum Fields(string path)
    {
        using var reader = Open(path);
        long rows = 0, length = 0;
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++) length += reader.GetFieldSpan(i).Length;
            rows++;
        }
        return new Checksum(rows, length);
    }

    public static Checksum Typed(string path, bool pooled)
    {
        using var reader = Open(path);
        var pool = new ColumnPool(26);
        long rows = 0;
        double sum = 0;
        while (reader.Read())
        {
            sum += int.Parse(reader.GetFieldSpan(0), NumberStyles.Integer, CultureInfo.InvariantCulture);
            for (int i = 1; i <= 13; i++)
            {
                var span = reader.GetFieldSpan(i);
                float value = span.IsEmpty ? float.NaN : float.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!float.IsNaN(value)) sum += value;
            }
            for (int i = 14; i < 40; i++)
            {
                var span = reader.GetFieldSpan(i);
                string text = pooled ? pool.Get(i - 14, span) : span.ToString();
                sum += text.Length;
            }
            rows++;
        }
        return new Checksum(rows, sum);
    }
}
