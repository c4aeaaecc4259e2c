using RecDsl.Training;

namespace EsmmAliCcp;

/// <summary>How this example trains ESMM on the synthetic Ali-CCP-shaped data (the quality tests use the same settings
/// and rows).</summary>
public static class AliCcpTraining
{
    /// <summary>Trainer settings for <paramref name="epochs"/> epochs on <paramref name="device"/>.</summary>
    public static TrainerOptions Options(int epochs, string device = "cpu", int seed = 1) => new()
    {
        Epochs = epochs,
        Device = device,
        Seed = seed,
        BatchSize = 1024,
        LearningRate = 5e-3,
        // Learning rate to 0.3x when the monitored metric stalls for an epoch. Measured at 1,000,000 rows (12 epochs):
        // seeds 1-8: CTR gap to the Bayes AUC 0.003-0.005 and CTCVR 0.003-0.007, against up to 0.011 on 400,000 rows.
        ReduceLrOnPlateau = new ReduceLrOnPlateauOptions(Factor: 0.3, Patience: 1),
        // ESMM's default monitor is the CTCVR AUC on the validation rows: stop when it has not improved for 3 epochs,
        // and keep the best epoch's weights.
        EarlyStopping = new EarlyStoppingOptions(Patience: 3),
    };
}
