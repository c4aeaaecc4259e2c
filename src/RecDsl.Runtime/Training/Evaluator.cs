using RecDsl.Backend;
using RecDsl.Batching;
using RecDsl.Metrics;
using RecDsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>Scores a network on resident data, or on blocks of a file too large to hold, and returns the metric
/// dictionary (keys in <see cref="MetricNames"/>).</summary>
public static class Evaluator
{
    /// <summary>
    /// Runs <paramref name="network"/> in eval mode without gradients over <paramref name="data"/> and computes
    /// single task: auc, logloss, loss, and gauc when the data has groups; ESMM: ctr_auc, ctcvr_auc, cvr_auc,
    /// their log losses and loss. An undefined metric (one class only) is NaN, and so is an AUC over soft labels
    /// (strictly between 0 and 1, which a float label may hold): the log losses take them as they are.
    /// </summary>
    /// <param name="network">The network; it keeps its device and its train/eval mode is restored afterwards.</param>
    /// <param name="data">Rows with the labels the network's task needs; moved to the network's device if needed.</param>
    /// <param name="batchSize">Rows per forward pass.</param>
    /// <exception cref="ArgumentException">The data lacks a label the task needs, or was collated for another record
    /// or has other columns than the network's declaration.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate(RecNetwork network, FeatureBatch data, int batchSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be at least 1.");
        BatchLayout.Require(network, data, nameof(data), "evaluation data");

        var (probabilities, meanLoss) = Predict(network, data, batchSize);
        return MetricsOf(network.Task, LabelsOf(network.Task, data), probabilities, meanLoss);
    }

    /// <summary>
    /// <see cref="Evaluate(RecNetwork, FeatureBatch, int)"/> over the rows of all <paramref name="blocks"/> together,
    /// read one at a time: for a test file larger than memory,
    /// <c>Evaluator.Evaluate(model, collator.CollateBlocks(reader.Open("test.csv"), 1_000_000))</c>. Only the
    /// probabilities and labels (and groups) of the rows are kept, 8 to 16 bytes a row. Each block is disposed once
    /// scored.
    /// </summary>
    /// <exception cref="ArgumentException">A block lacks a label the task needs, belongs to another record or has
    /// other columns (named by its index), or some blocks have groups and others not.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate(RecNetwork network, IEnumerable<FeatureBatch> blocks, int batchSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(blocks);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be at least 1.");
        var task = network.Task;
        var probabilities = new List<float>();
        List<float> labels = new(), clicks = new(), conversions = new();
        List<long>? groups = null;
        double lossSum = 0;
        int rows = 0, index = 0;
        foreach (var block in blocks)
        {
            using (block)
            {
                ArgumentNullException.ThrowIfNull(block, nameof(blocks));
                BatchLayout.Require(network, block, nameof(blocks), $"evaluation block {index}");
                if (index > 0 && (block.Groups is null) != (groups is null))
                    throw new ArgumentException($"Evaluation block {index} {(block.Groups is null ? "has no groups, but the blocks before had" : "has groups, but the blocks before had none")}: gAUC needs every row's group or none.", nameof(blocks));
                var (p, meanLoss) = Predict(network, block, batchSize);
                var own = LabelsOf(task, block);
                probabilities.AddRange(p);
                labels.AddRange(own.Label ?? []);
                clicks.AddRange(own.Click ?? []);
                conversions.AddRange(own.Conversion ?? []);
                if (block.Groups is not null) (groups ??= new()).AddRange(block.Groups);
                if (block.Count > 0) lossSum += meanLoss * block.Count;
                rows += block.Count;
            }
            index++;
        }
        var all = task == TaskKind.Esmm
            ? new ScoredLabels(rows, null, clicks.ToArray(), conversions.ToArray(), null)
            : new ScoredLabels(rows, labels.ToArray(), null, null, groups?.ToArray());
        return MetricsOf(task, all, probabilities.ToArray(), rows == 0 ? double.NaN : lossSum / rows);
    }

    /// <summary>The labels (and groups) of scored rows, on the host: a single-task label or the two ESMM ones.</summary>
    private sealed record ScoredLabels(int Count, float[]? Label, float[]? Click, float[]? Conversion, long[]? Groups);

    private static ScoredLabels LabelsOf(TaskKind task, FeatureBatch data) => task == TaskKind.Esmm
        ? new ScoredLabels(data.Count, null, HostValues(data.ClickLabel!), HostValues(data.ConversionLabel!), null)
        : new ScoredLabels(data.Count, HostValues(data.Label!), null, null, data.Groups);

    /// <summary>
    /// The metrics that are NaN on <paramref name="data"/> whatever a network predicts: an AUC over rows of one
    /// class only (or no rows), gAUC without a group of both classes, CVR AUC without clicked rows of both
    /// conversion labels. Found by scoring constant probabilities with the same code as <see cref="Evaluate(RecNetwork, FeatureBatch, int)"/>,
    /// so it cannot disagree with it.
    /// </summary>
    internal static IReadOnlyList<string> UndefinedWhateverThePredictions(TaskKind task, FeatureBatch data)
    {
        var constant = new float[task == TaskKind.Esmm ? 3 * data.Count : data.Count];
        Array.Fill(constant, 0.5f);
        var metrics = MetricsOf(task, LabelsOf(task, data), constant, meanLoss: data.Count == 0 ? double.NaN : 0);
        return metrics.Where(m => double.IsNaN(m.Value)).Select(m => m.Key).ToArray();
    }

    /// <summary>What the labels of <paramref name="data"/> hold, for error messages: rows and positives (ESMM:
    /// rows, clicks, conversions after a click).</summary>
    internal static string LabelSummary(TaskKind task, FeatureBatch data)
    {
        if (task != TaskKind.Esmm)
        {
            var labels = HostValues(data.Label!);
            return $"{data.Count} rows, {labels.Count(v => v == 1f)} with label 1{Soft(labels, "labels")}";
        }
        var clicks = HostValues(data.ClickLabel!);
        var conversions = HostValues(data.ConversionLabel!);
        int clicked = clicks.Count(v => v == 1f);
        int converted = clicks.Zip(conversions).Count(p => p.First == 1f && p.Second == 1f);
        return $"{data.Count} rows, {clicked} clicked, {converted} of them converted{Soft(clicks, "click labels")}{Soft(conversions, "conversion labels")}";
    }

    // ", 40 soft labels (neither 0 nor 1, so no AUC)" or nothing.
    private static string Soft(float[] labels, string what)
    {
        int soft = labels.Count(v => v != 0f && v != 1f);
        return soft == 0 ? "" : $", {soft} soft {what} (neither 0 nor 1, so no AUC)";
    }

    private static Dictionary<string, double> MetricsOf(TaskKind task, ScoredLabels data, float[] probabilities, double meanLoss) =>
        task == TaskKind.Esmm
            ? EsmmMetricsOf(data, probabilities, meanLoss)
            : SingleTaskMetricsOf(data, probabilities, meanLoss);

    /// <summary>Probabilities on the host (row-major, [B] or [B, 3]) and the row-weighted mean loss.</summary>
    private static (float[] Probabilities, double MeanLoss) Predict(RecNetwork network, FeatureBatch data, int batchSize)
    {
        var device = DeviceOf(network, data);
        var onDevice = data.To(device);
        try
        {
            using var evalMode = network.EvalMode();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var outputs = new List<Tensor>();
            var lossSum = zeros(1, ScalarType.Float64, device);
            using var count = ((long)onDevice.Count).ToScalar();
            using var allRows = arange(Scalars.ZeroRow, count, Scalars.OneInteger, ScalarType.Int64, device);
            for (int start = 0; start < onDevice.Count; start += batchSize)
            {
                int length = Math.Min(batchSize, onDevice.Count - start);
                using var batch = onDevice.SelectRows(allRows.narrow(0, start, length), groups: null);
                var output = network.call(batch);
                outputs.Add(network.Probabilities(output));
                using var rows = ((double)length).ToScalar();
                lossSum.add_(network.Loss(output, batch).detach(), alpha: rows);
            }
            // One read back per evaluation, not one per batch.
            using var all = outputs.Count == 0 ? zeros(0) : cat(outputs, 0).to(ScalarType.Float32).cpu().contiguous();
            double meanLoss = onDevice.Count == 0 ? double.NaN : lossSum.cpu().item<double>() / onDevice.Count;
            return (all.data<float>().ToArray(), meanLoss);
        }
        finally
        {
            if (!ReferenceEquals(onDevice, data)) onDevice.Dispose();
        }
    }

    private static Device DeviceOf(RecNetwork network, FeatureBatch data)
    {
        foreach (var p in network.parameters())
            return p.device;
        return data.Device;
    }

    private static Dictionary<string, double> SingleTaskMetricsOf(ScoredLabels data, float[] probabilities, double meanLoss)
    {
        var labels = data.Label!;
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Auc] = RocAuc.ComputeIfBinary(labels, probabilities),
            [MetricNames.LogLoss] = LogLoss.Compute(labels, probabilities),
            [MetricNames.Loss] = meanLoss,
        };
        if (data.Groups is not null)
            metrics[MetricNames.GroupAuc] = MetricInput.AreBinary(labels) ? GroupAuc.Compute(labels, probabilities, data.Groups).Value : double.NaN;
        return metrics;
    }

    private static Dictionary<string, double> EsmmMetricsOf(ScoredLabels data, float[] probabilities, double meanLoss)
    {
        int n = data.Count;
        var pCtr = new float[n];
        var pCvr = new float[n];
        var pCtcvr = new float[n];
        for (int i = 0; i < n; i++)
        {
            pCtr[i] = probabilities[3 * i];
            pCvr[i] = probabilities[3 * i + 1];
            pCtcvr[i] = probabilities[3 * i + 2];
        }
        var m = EsmmMetrics.Compute(data.Click!, data.Conversion!, pCtr, pCvr, pCtcvr);
        return new Dictionary<string, double>
        {
            [MetricNames.CtrAuc] = m.CtrAuc,
            [MetricNames.CtcvrAuc] = m.CtcvrAuc,
            [MetricNames.CvrAuc] = m.CvrAuc,
            [MetricNames.CtrLogLoss] = m.CtrLogLoss,
            [MetricNames.CtcvrLogLoss] = m.CtcvrLogLoss,
            [MetricNames.CvrLogLoss] = m.CvrLogLoss,
            [MetricNames.Loss] = meanLoss,
        };
    }

    private static float[] HostValues(Tensor t)
    {
        using var scope = NewDisposeScope(); // each step of the chain makes a tensor
        return t.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }
}
