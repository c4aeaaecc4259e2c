using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.GpuCheck.Records;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.GpuCheck;

/// <summary>One generated model with its synthetic records, typed away so that the sections treat the four alike.</summary>
internal sealed class ModelCase
{
    /// <summary>Short name used in the output: deepfm, widedeep, din, esmm.</summary>
    public required string Name { get; init; }

    /// <summary>A new model with freshly initialised weights, on the CPU.</summary>
    public required Func<RecNetwork> Create { get; init; }

    /// <summary>The validation AUC the model is judged by.</summary>
    public required string AucMetric { get; init; }

    /// <summary>Collates training rows [start, start + count) on a device, with a new generated collator.</summary>
    public required Func<int, int, Device, FeatureBatch> CollateTrain { get; init; }

    /// <summary>Collates validation rows [start, start + count) on a device, with a new generated collator.</summary>
    public required Func<int, int, Device, FeatureBatch> CollateValidation { get; init; }

    /// <summary>Collates validation rows [start, start + count) on a device from a sequence that is not a list, in chunks
    /// of the given number of records (joined onto the device from the host).</summary>
    public required Func<int, int, Device, int, FeatureBatch> CollateValidationStreamed { get; init; }

    /// <summary>A new model drawn from torch's generator seeded with <paramref name="seed"/>, on <paramref name="device"/>:
    /// the same initial weights for every run of a comparison.</summary>
    public RecNetwork CreateOn(Device device, long seed)
    {
        manual_seed(seed);
        var model = Create();
        model.to(device);
        return model;
    }

    /// <summary>The four generated models of the check's records.</summary>
    public static IReadOnlyList<ModelCase> All(CheckSettings settings)
    {
        var ads = (Train: SyntheticRecords.AdImpressions(settings.TrainRows, 1), Validation: SyntheticRecords.AdImpressions(settings.ValidationRows, 2));
        var views = (Train: SyntheticRecords.ItemViews(settings.TrainRows, 3), Validation: SyntheticRecords.ItemViews(settings.ValidationRows, 4));
        var visits = (Train: SyntheticRecords.Visits(settings.TrainRows, 5), Validation: SyntheticRecords.Visits(settings.ValidationRows, 6));
        return new[]
        {
            Of("deepfm", () => new AdImpressionDeepFM(), MetricNames.Auc, ads, () => new AdImpressionCollator()),
            Of("widedeep", () => new AdImpressionWideDeep(), MetricNames.Auc, ads, () => new AdImpressionCollator()),
            Of("din", () => new ItemViewDin(), MetricNames.Auc, views, () => new ItemViewCollator()),
            Of("esmm", () => new VisitEsmm(), MetricNames.CtcvrAuc, visits, () => new VisitCollator()),
        };
    }

    private static ModelCase Of<TRecord, TBatch>(string name, Func<RecNetwork> create, string metric,
        (TRecord[] Train, TRecord[] Validation) records, Func<RecordCollator<TRecord, TBatch>> collator) where TBatch : FeatureBatch
    {
        FeatureBatch Collate(TRecord[] rows, int start, int count, Device device) => collator().Collate(rows.AsSpan(start, count), device);
        FeatureBatch Streamed(TRecord[] rows, int start, int count, Device device, int chunkRows)
        {
            var c = collator();
            c.StreamChunkRows = chunkRows;
            return c.Collate(rows.Skip(start).Take(count).Select(r => r), device);
        }
        return new ModelCase
        {
            Name = name, Create = create, AucMetric = metric,
            CollateTrain = (start, count, device) => Collate(records.Train, start, count, device),
            CollateValidation = (start, count, device) => Collate(records.Validation, start, count, device),
            CollateValidationStreamed = (start, count, device, chunkRows) => Streamed(records.Validation, start, count, device, chunkRows),
        };
    }
}
