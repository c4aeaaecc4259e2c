using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;

namespace RecDsl.Export.Tests;

/// <summary>
/// Random rows of a schema, already in table rows (as a collator gives them), on the host, so the same values can
/// be fed to TorchSharp as a <see cref="FeatureBatch"/> and to ONNX Runtime as one input per feature. Row 0 has
/// every history empty, row 1 every history full; about 10% of sparse values and history items are the OOV row.
/// </summary>
internal sealed class TestRows
{
    public TestRows(FeatureSchema schema, int count, int seed)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "Rows 0 and 1 are the empty and full histories.");
        Schema = schema;
        Count = count;
        var rng = new Random(seed);
        long Row(FeatureInfo f) => rng.NextDouble() < 0.1 ? EmbeddingRows.Oov : EmbeddingRows.RowOf(rng.NextInt64(f.Cardinality), f.Cardinality);
        Sparse = new long[count * schema.Sparse.Count];
        for (int b = 0; b < count; b++)
            foreach (var f in schema.Sparse) Sparse[b * schema.Sparse.Count + f.Slot] = Row(f);
        Dense = new float[count * schema.Dense.Count];
        for (int i = 0; i < Dense.Length; i++) Dense[i] = (float)(rng.NextDouble() * 4 - 2);
        Sequences = schema.Sequences.Select(f =>
        {
            var rows = new long[count * f.MaxLen];
            for (int b = 0; b < count; b++)
            {
                var length = b == 0 ? 0 : b == 1 ? f.MaxLen : rng.Next(f.MaxLen + 1);
                for (int l = 0; l < length; l++) rows[b * f.MaxLen + l] = Row(f);
            }
            return rows;
        }).ToArray();
        Label = Enumerable.Range(0, count).Select(_ => rng.NextDouble() < 0.4 ? 1f : 0f).ToArray();
        Click = Enumerable.Range(0, count).Select(_ => rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();
        Conversion = Click.Select(c => c == 1f && rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();
    }

    public FeatureSchema Schema { get; }

    public int Count { get; }

    /// <summary>Sparse table rows, row-major [B, S].</summary>
    public long[] Sparse { get; }

    /// <summary>Dense values, row-major [B, D].</summary>
    public float[] Dense { get; }

    /// <summary>Per sequence slot, rows [B, MaxLen] row-major, padded with 0 at the end.</summary>
    public long[][] Sequences { get; }

    public float[] Label { get; }

    public float[] Click { get; }

    public float[] Conversion { get; }

    /// <summary>The rows as a TorchSharp batch (with every label).</summary>
    public FeatureBatch Batch() => new(Count,
        torch.tensor(Sparse, Count, Schema.Sparse.Count),
        torch.tensor(Dense, Count, Schema.Dense.Count),
        Schema.Sequences.Select(f => torch.tensor(Sequences[f.Slot], Count, f.MaxLen)).ToArray(),
        torch.tensor(Label), torch.tensor(Click), torch.tensor(Conversion));

    /// <summary>Rows <paramref name="start"/>..start+<paramref name="count"/> as ONNX Runtime inputs, one per feature, named after it.</summary>
    public List<NamedOnnxValue> OnnxInputs(int start = 0, int? count = null)
    {
        var n = count ?? Count - start;
        var inputs = new List<NamedOnnxValue>();
        foreach (var f in Schema.Features)
        {
            switch (f.Kind)
            {
                case FeatureKind.Sparse:
                {
                    var values = Enumerable.Range(start, n).Select(b => Sparse[b * Schema.Sparse.Count + f.Slot]).ToArray();
                    inputs.Add(NamedOnnxValue.CreateFromTensor(f.Name, new DenseTensor<long>(values, new[] { n })));
                    break;
                }
                case FeatureKind.Dense:
                {
                    var values = Enumerable.Range(start, n).Select(b => Dense[b * Schema.Dense.Count + f.Slot]).ToArray();
                    inputs.Add(NamedOnnxValue.CreateFromTensor(f.Name, new DenseTensor<float>(values, new[] { n })));
                    break;
                }
                case FeatureKind.Sequence:
                {
                    var values = Sequences[f.Slot].AsSpan(start * f.MaxLen, n * f.MaxLen).ToArray();
                    inputs.Add(NamedOnnxValue.CreateFromTensor(f.Name, new DenseTensor<long>(values, new[] { n, f.MaxLen })));
                    break;
                }
            }
        }
        return inputs;
    }
}
