using RecDsl.Batching;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck.Sections;

/// <summary>
/// Generated collators straight onto the device: many batches back to back with no synchronisation in between
/// (pinned staging and non-blocking copies), then each compared element by element with the same rows collated on
/// the CPU. A staging buffer overwritten while its copy was in flight would show up as a mismatch here. Then each
/// record's validation rows as a stream, collated in three chunks on the host and joined onto the device, against
/// the same rows collated on the CPU.
/// </summary>
internal static class CollatorSection
{
    public static void Run(IReadOnlyList<ModelCase> cases, Device device, CheckSettings settings, Report report)
    {
        int size = Math.Max(1, settings.ValidationRows / settings.BurstBatches);
        foreach (var c in cases) report.Guard($"collate_{c.Name}", () =>
        {
            var onDevice = new List<FeatureBatch>();
            try
            {
                for (int b = 0; b < settings.BurstBatches; b++) onDevice.Add(c.CollateValidation(b * size, size, device));
                int mismatched = 0, elsewhere = 0;
                for (int b = 0; b < onDevice.Count; b++)
                {
                    using var cpu = c.CollateValidation(b * size, size, CPU);
                    if (!Identical(cpu, onDevice[b])) mismatched++;
                    if (Tensors(onDevice[b]).Any(t => t.device_type != device.type)) elsewhere++;
                }
                report.Check($"collate_{c.Name}", mismatched == 0 && elsewhere == 0,
                    $"device={BackendSection.Name(device)} batches={onDevice.Count} rows_per_batch={size} mismatched={mismatched} off_device={elsewhere}");
            }
            finally
            {
                foreach (var batch in onDevice) batch.Dispose();
            }
        });
        // A sequence that is not a list is collated in chunks on the host and joined onto the device.
        foreach (var c in cases) report.Guard($"collate_stream_{c.Name}", () =>
        {
            int rows = settings.ValidationRows, chunkRows = Math.Max(1, rows / 3 + 1);
            using var streamed = c.CollateValidationStreamed(0, rows, device, chunkRows);
            using var cpu = c.CollateValidation(0, rows, CPU);
            bool same = Identical(cpu, streamed), placed = Tensors(streamed).All(t => t.device_type == device.type);
            report.Check($"collate_stream_{c.Name}", same && placed,
                $"device={BackendSection.Name(device)} rows={rows} chunk_rows={chunkRows} identical={same} on_device={placed}");
        });
    }

    private static IEnumerable<Tensor> Tensors(FeatureBatch batch)
    {
        yield return batch.SparseRows;
        yield return batch.Dense;
        foreach (var s in batch.SequenceRows) yield return s;
        if (batch.Label is not null) yield return batch.Label;
        if (batch.ClickLabel is not null) yield return batch.ClickLabel;
        if (batch.ConversionLabel is not null) yield return batch.ConversionLabel;
    }

    private static bool Identical(FeatureBatch cpu, FeatureBatch other)
    {
        var a = Tensors(cpu).ToArray();
        var b = Tensors(other).ToArray();
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            using var host = b[i].cpu();
            if (!a[i].shape.SequenceEqual(host.shape) || a[i].dtype != host.dtype || !a[i].eq(host).all().item<bool>()) return false;
        }
        return true;
    }
}
