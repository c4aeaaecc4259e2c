using System.Buffers.Binary;
using System.Text.Json;

namespace RecDsl.Export.Tests;

/// <summary>An independent safetensors reader for the tests (format: u64 little-endian header size, JSON header
/// name -> {dtype, shape, data_offsets}, then the data), so the tests do not check PyBridge with PyBridge.</summary>
internal sealed class SafetensorsFile
{
    public sealed record Entry(string DType, long[] Shape, byte[] Data);

    public SafetensorsFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var size = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        using var header = JsonDocument.Parse(bytes.AsMemory(8, size));
        var body = 8 + size;
        foreach (var property in header.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__") continue;
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Entries[property.Name] = new Entry(
                property.Value.GetProperty("dtype").GetString()!,
                property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                bytes.AsSpan(checked((int)(body + offsets[0])), checked((int)(offsets[1] - offsets[0]))).ToArray());
        }
    }

    public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

    public float[] Floats(string name)
    {
        var entry = Entries[name];
        Assert.Equal("F32", entry.DType);
        var values = new float[entry.Data.Length / 4];
        Buffer.BlockCopy(entry.Data, 0, values, 0, entry.Data.Length);
        return values;
    }
}
