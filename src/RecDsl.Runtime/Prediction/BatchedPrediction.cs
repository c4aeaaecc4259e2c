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
    /// pCVR, pCTCVR) for ESMM. A list or an array is read in place; any other sequence (a file read lazily) is read once,
    /// <paramref name="batchSize"/> records at a time, so only the probabilities are held.</summary>
    /// <exception cref="Collation.CollationException">A value cannot be collated; its row is the record's index in
    /// <paramref name="records"/>.</exception>
    public static float[] Run<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IEnumerable<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch
    {
        ArgumentNullException.ThrowIfNull(records);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "At least one row per batch.");
        int columns = network.Task == TaskKind.Esmm ? 3 : 1;
        // One prediction at a time per network: the mode flip and the model's collator (which reuses buffers) are
        // shared. Each forward still uses libtorch's intra-op threads.
        using (network.EvalMode())
        {
            var device = network.parameters().FirstOrDefault()?.device ?? CPU;
            using var noGrad = no_grad();
            if (records is IReadOnlyList<TRecord> list)
            {
                var result = new float[list.Count * columns];
                ReadOnlySpan<TRecord> all = list switch
                {
                    TRecord[] array => array,
                    List<TRecord> asList => CollectionsMarshal.AsSpan(asList),
                    _ => list.ToArray(),
                };
                for (int start = 0; start < all.Length; start += batchSize)
                {
                    int count = Math.Min(batchSize, all.Length - start);
                    Forward(network, collator, all.Slice(start, count), device, start, result.AsSpan(start * columns, count * columns));
                }
                return result;
            }

            var streamed = new List<float>();
            using var next = records.GetEnumerator();
            var reader = new RecordChunks<TRecord>(next, batchSize);
            for (int start = 0; !reader.Ended;)
            {
                var chunk = reader.Next();
                if (chunk.IsEmpty) break;
                var probabilities = new float[chunk.Length * columns];
                Forward(network, collator, chunk, device, start, probabilities);
                reader.Release(); // do not keep the caller's records alive
                streamed.AddRange(probabilities);
                start += chunk.Length;
            }
            return streamed.ToArray();
        }
    }

    // One forward pass over records that are rows firstRow.. of the caller's, into their slice of the result.
    private static void Forward<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        ReadOnlySpan<TRecord> rows, Device device, int firstRow, Span<float> into) where TBatch : FeatureBatch
    {
        using var scope = NewDisposeScope();
        using var batch = collator.Collate(rows, device, firstRow);
        var probabilities = network.Probabilities(network.forward(batch)).to(ScalarType.Float32).cpu().contiguous();
        probabilities.data<float>().CopyTo(into);
    }

    /// <summary>Single-task probabilities, one per record.</summary>
    public static float[] Single<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IEnumerable<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch =>
        Run(network, collator, records, batchSize);

    /// <summary>ESMM's pCTR, pCVR and pCTCVR, one of each per record.</summary>
    public static EsmmPredictions Esmm<TRecord, TBatch>(RecNetwork network, RecordCollator<TRecord, TBatch> collator,
        IEnumerable<TRecord> records, int batchSize = DefaultBatchSize) where TBatch : FeatureBatch
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
