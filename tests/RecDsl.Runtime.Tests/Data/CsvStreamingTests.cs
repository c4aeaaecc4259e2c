using System.Globalization;
using System.Runtime.CompilerServices;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>Runs alone, so that the managed heap it measures holds nothing of other tests.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement { }

/// <summary>Reading a file larger than what the reader may hold: the heap stays flat and read records are freed.</summary>
[Collection(nameof(MemoryMeasurement))]
public class CsvStreamingTests
{
    private const int Rows = 300_000;

    [Fact]
    public void A_large_file_streams_with_bounded_memory()
    {
        using var temp = new TempCsv("large.csv", "");
        WriteRows(temp.Path);
        long fileBytes = new FileInfo(temp.Path).Length;

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long count = 0;
        double priceSum = 0;
        WeakReference first = OpenAndTrack(temp.Path, record =>
        {
            count++;
            priceSum += record.Price;
            if (count % 50_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        });

        GC.Collect();
        Assert.Equal(Rows, count);
        Assert.Equal(ExpectedPriceSum(), priceSum, 6);
        Assert.True(fileBytes > 10_000_000, $"the file is {fileBytes} bytes");
        // Holding the records would take ~40 MB (300k records with two strings each); the reader holds its
        // buffer and one row.
        Assert.True(peak < 8_000_000, $"heap grew by {peak} bytes while reading a {fileBytes}-byte file");
        Assert.False(first.IsAlive, "the first record is still referenced after it was consumed");
    }

    private static void WriteRows(string path)
    {
        using var writer = new StreamWriter(path);
        writer.Write("UserId,AdId,site_id,Category,Price,Clicked\n");
        for (int i = 0; i < Rows; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{i % 5000},site_{i % 977:x4},category_{i % 31},{i % 100}.25,{i % 3 % 2}\n"));
        }
    }

    private static double ExpectedPriceSum()
    {
        double sum = 0;
        for (int i = 0; i < Rows; i++) sum += i % 100 + 0.25;
        return sum;
    }

    // Not inlined, so no local of the caller's frame keeps the first record alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference OpenAndTrack(string path, Action<AdClick> consume)
    {
        WeakReference? first = null;
        using var records = new AdClickCsvReader().Open(path);
        foreach (var record in records)
        {
            first ??= new WeakReference(record);
            consume(record);
        }
        return first!;
    }
}
