using RecDsl.Training;

namespace DeepFmCriteo;

/// <summary>How this example trains DeepFM on the synthetic Criteo-shaped data (the quality tests use the same
/// settings on fewer rows).</summary>
public static class CriteoTraining
{
    /// <summary>Trainer settings for <paramref name="epochs"/> epochs on <paramref name="device"/>.</summary>
    public static TrainerOptions Options(int epochs, string device = "cpu", int seed = 1) => new()
    {
        Epochs = epochs,
        Device = device,
        Seed = seed,
        BatchSize = 2048,
        LearningRate = 5e-3,
        // An L2 penalty keeps the embeddings of rare values and noise columns small: without it validation AUC peaks
        // after two epochs and falls while the planted interactions are still being learned.
        WeightDecay = 1e-3,
        // Stop when validation AUC has not improved for 2 epochs, and keep the best epoch's weights.
        EarlyStopping = new EarlyStoppingOptions(Patience: 2),
    };
}
