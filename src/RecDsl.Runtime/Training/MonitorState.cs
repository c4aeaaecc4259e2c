namespace RecDsl.Training;

/// <summary>
/// Tracks the monitored validation metric across epochs: the best value and epoch, and how many epochs in a row
/// have not improved on it (for early stopping) or on it since the last learning-rate cut (for reduce-on-plateau).
/// </summary>
/// <remarks>Improvement is strict. A NaN value (an undefined AUC) never improves.</remarks>
internal sealed class MonitorState
{
    public MonitorState(string metric)
    {
        Metric = metric;
        HigherIsBetter = MetricNames.HigherIsBetter(metric);
    }

    public string Metric { get; }
    public bool HigherIsBetter { get; }
    public double Best { get; set; } = double.NaN;
    public int BestEpoch { get; set; }
    public int EpochsWithoutImprovement { get; set; }
    public int EpochsSinceImprovementOrCut { get; set; }

    /// <summary>Records an epoch's value; true when it is a new best.</summary>
    public bool Observe(int epoch, double value)
    {
        bool improved = !double.IsNaN(value)
            && (double.IsNaN(Best) || (HigherIsBetter ? value > Best : value < Best));
        if (improved)
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
            EpochsSinceImprovementOrCut = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
            EpochsSinceImprovementOrCut++;
        }
        return improved;
    }
}
