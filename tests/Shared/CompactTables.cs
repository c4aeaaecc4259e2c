using RecDsl.Export;
using RecDsl.Layers;
using RecDsl.Models;
using TorchSharp;

namespace RecDsl.Tests.Shared;

/// <summary>The independent expectation for an export with compact embedding tables (<see cref="EmbeddingStorage"/>):
/// every table's values rounded in C#, in float32 arithmetic (as the exporter's torch ops and ONNX Runtime's Cast and
/// Mul compute), to <see cref="Half"/> or to symmetric int8 per row and back. Linked into the export tests and the
/// generator's random-declaration test.</summary>
internal static class CompactTables
{
    /// <summary>Rounds the network's tables in place, as <paramref name="storage"/> stores them; returns how many tables
    /// were rounded (Int8 leaves dimension-1 tables as they are).</summary>
    public static int Round(RecNetwork network, EmbeddingStorage storage)
    {
        int tables = 0;
        using var noGrad = torch.no_grad();
        foreach (var fused in network.modules().OfType<FusedEmbedding>())
        {
            if (storage == EmbeddingStorage.Int8 && fused.Dim == 1) continue;
            using var weight = fused.Weight;
            var values = weight.detach().cpu().data<float>().ToArray();
            int dim = fused.Dim;
            for (int row = 0; row < values.Length / dim; row++) RoundRow(values.AsSpan(row * dim, dim), storage);
            weight.copy_(torch.tensor(values, weight.shape));
            tables += fused.Tables.Count;
        }
        return tables;
    }

    /// <summary><paramref name="score"/> run with the tables rounded, then every table put back as it was.</summary>
    public static T WithRounded<T>(RecNetwork network, EmbeddingStorage storage, Func<T> score)
    {
        var originals = network.modules().OfType<FusedEmbedding>().Select(f =>
        {
            using var weight = f.Weight;
            return weight.detach().clone();
        }).ToArray();
        try
        {
            Round(network, storage);
            return score();
        }
        finally
        {
            using var noGrad = torch.no_grad();
            foreach (var (fused, original) in network.modules().OfType<FusedEmbedding>().Zip(originals))
            {
                using var weight = fused.Weight;
                weight.copy_(original);
                original.Dispose();
            }
        }
    }

    private static void RoundRow(Span<float> row, EmbeddingStorage storage)
    {
        if (storage == EmbeddingStorage.Float16)
        {
            foreach (ref var v in row) v = (float)(Half)v;
            return;
        }
        float largest = 0;
        foreach (var v in row) largest = Math.Max(largest, Math.Abs(v));
        float scale = largest / 127f;
        foreach (ref var v in row) v = scale > 0 ? Math.Clamp(MathF.Round(v / scale), -127f, 127f) * scale : 0f;
    }
}
