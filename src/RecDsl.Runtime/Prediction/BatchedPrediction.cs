using System.Runtime.InteropServices;
using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Prediction;

/// <summary>pCTR, pCVR and pCTCVR per record, as ESMM's generated <c>Predict</c> returns them.</summary>
/// <param name="Ctr">P(click) per record.</param>
/// <param name="Cvr">P(conversion | click) per record.</param>
/// <param name="Ctcvr">P(click and conversion) = pCTR x pCVR per record.</param>
public sealed record EsmmPredictions(float[] Ctr, float[] Cvr, float[] Ctcvr)
{
    // The record's ToString with the first values of each array instead of "System.Single[]".
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Ctr = ");
        Training.ResultText.AppendValues(builder, Ctr);
        builder.Append(", Cvr = ");
        Training.ResultText.AppendValues(builder, Cvr);
        builder.Append(", Ctcvr = ");
        Training.ResultText.AppendValues(builder, Ctcvr);
        return true;
    }
}

/// <summary>
/// Runs a network over records in batches, in evaluation mode and without gradients, on the device of its
/// parameters; the generated models' <c>Predict</c> methods call it. Thread-safe: concurrent calls on one network run
/// one after the other, and one running beside <see cref="Training.Trainer"/> waits for the current step.
/// </summary>
public static class BatchedPrediction
{
    /// <summary>Default rows per forward pass.</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>Probabilities, row-major [records, columns]: one column for single-task networks, three (pCTR,
    /// pCVR, pCTCVR) for ESMM.</summary>
    public static float[] Run<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IReadOnlyList<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch
    {
        ArgumentNullException.ThrowIfNull(records);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "At least one row per batch.");
        int columns = network.Task == TaskKind.Esmm ? 3 : 1;
        var result = new float[records.Count * columns];
        if (records.Count == 0) return result;

        ReadOnlySpan<TRecord> all = records switch
        {
            TRecord[] array => array,
            List<TRecord> list => CollectionsMarshal.AsSpan(list),
            _ => records.ToArray(),
        };
        // One prediction at a time per network: the mode flip and the model's collator (which reuses buffers) are
        // shared. Each forward still uses libtorch's intra-op threads.
        using (network.EvalMode())
        {
            var device = network.parameters().FirstOrDefault()?.device ?? CPU;
            using var noGrad = no_grad();
            for (int start = 0; start < all.Length; start += batchSize)
            {
                int count = Math.Min(batchSize, all.Length - start);
                using var scope = NewDisposeScope();
                using var batch = collator.Collate(all.Slice(start, count), device);
                var probabilities = network.Probabilities(network.forward(batch)).to(ScalarType.Float32).cpu().contiguous();
                probabilities.data<float>().CopyTo(result.AsSpan(start * columns, count * columns));
            }
        }
        return result;
    }

    /// <summary>Single-task probabilities, one per record.</summary>
    public static float[] Single<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IReadOnlyList<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch =>
        Run(network, collator, records, batchSize);

    /// <summary>ESMM's pCTR, pCVR and pCTCVR, one of each per record.</summary>
    public static EsmmPredictions Esmm<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IReadOnlyList<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch
    {
        var flat = Run(network, collator, records, batchSize);
        int n = flat.Length / 3;
        var ctr = new float[n];
        var cvr = new float[n];
        var ctcvr = new float[n];
        for (int i = 0; i < n; i++)
        {
            ctr[i] = flat[i * 3];
            cvr[i] = flat[i * 3 + 1];
            ctcvr[i] = flat[i * 3 + 2];
        }
        return new EsmmPredictions(ctr, cvr, ctcvr);
    }
}
