using RecDsl.Training;

namespace DinAmazon;

/// <summary>How this example trains DIN and its DeepFM baseline on the synthetic Amazon-shaped data (the quality tests
/// use the same settings on fewer rows).</summary>
public static class AmazonTraining
{
    /// <summary>Trainer settings for <paramref name="epochs"/> epochs on <paramref name="device"/>.</summary>
    public static TrainerOptions Options(int epochs, string device = "cpu", int seed = 1) => new()
    {
        Epochs = epochs,
        Device = device,
        Seed = seed,
        BatchSize = 1024,
        LearningRate = 5e-3,
        // Stop when validation AUC has not improved for 2 epochs, and keep the best epoch's weights.
        EarlyStopping = new EarlyStoppingOptions(Patience: 2),
    };
}
