using RecDsl.Batching;
using RecDsl.Collation;
using Spectre.Console;

namespace RecDsl.Examples;

/// <summary>The three collated splits of an example.</summary>
public sealed record CollatedSplits<TBatch>(TBatch Train, TBatch Validation, TBatch Test) : IDisposable where TBatch : FeatureBatch
{
    /// <summary>Disposes the three batches.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

/// <summary>Collates an example's splits with one collator and says, split by split, how many ids went to the OOV
/// row. The counts are per split because a feature with far more OOV ids in validation than in training is the
/// first sign that the two were not drawn alike; the trainer keeps the collated data resident, so these counts are
/// those of every epoch.</summary>
public static class SplitCollation
{
    /// <summary>Collates train, validation and test; <paramref name="what"/> says what OOV means for this record.</summary>
    public static CollatedSplits<TBatch> Collate<TRecord, TBatch>(RecordCollator<TRecord, TBatch> collator,
        TRecord[] trainRows, TRecord[] validationRows, TRecord[] testRows,
        string what = "missing values and ids outside the declared range") where TBatch : FeatureBatch
    {
        var (train, trainOov) = Counted(collator, trainRows);
        var (validation, validationOov) = Counted(collator, validationRows);
        var (test, testOov) = Counted(collator, testRows);
        AnsiConsole.WriteLine($"Ids sent to the out-of-vocabulary row ({what}): training {trainOov}; validation {validationOov}; test {testOov}.");
        return new CollatedSplits<TBatch>(train, validation, test);
    }

    private static (TBatch Batch, string Oov) Counted<TRecord, TBatch>(RecordCollator<TRecord, TBatch> collator, TRecord[] rows) where TBatch : FeatureBatch
    {
        collator.Oov.Reset();
        var batch = collator.Collate(rows);
        return (batch, collator.Oov.ToString());
    }
}
