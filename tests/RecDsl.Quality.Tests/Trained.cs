using RecDsl.Batching;
using RecDsl.Collation;
using RecDsl.Examples;
using RecDsl.Models;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Quality.Tests;

/// <summary>Trains a model the way the examples do (seeded init, train + validation batches, the example's trainer
/// settings) and returns its metrics on the test rows.</summary>
internal static class Trained
{
    /// <summary>Held while seeding torch and building a model: torch's RNG is global and test classes run in parallel.</summary>
    public static readonly object InitLock = new();

    public static IReadOnlyDictionary<string, double> TestMetrics<TRecord, TBatch>(
        Func<RecNetwork> create, RecordCollator<TRecord, TBatch> collator, TRecord[] train, TRecord[] validation, TRecord[] test,
        TrainerOptions options, int seed) where TBatch : FeatureBatch
    {
        RecNetwork created;
        lock (InitLock)
        {
            TorchSeed.Set(seed);
            created = create();
        }
        using var model = created;
        using var trainBatch = collator.Collate(train);
        using var validationBatch = collator.Collate(validation);
        using var testBatch = collator.Collate(test);
        new Trainer(model, options).Fit(trainBatch, validationBatch);
        return Evaluator.Evaluate(model, testBatch);
    }
}
