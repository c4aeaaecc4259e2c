namespace RecDsl.Data;

/// <summary>How <see cref="BehaviorHistories.Build"/> turns a log into DIN rows.</summary>
public sealed record HistoryOptions
{
    /// <summary>The most recent items kept in a history (older ones are dropped, as the collator would).</summary>
    public int MaxLen { get; init; } = 50;

    /// <summary>The shortest history a row may have: 1 (the default) skips each user's first interaction, whose
    /// history is empty; 0 keeps it.</summary>
    public int MinHistory { get; init; } = 1;

    /// <summary>Negatives sampled per positive: items drawn uniformly from the log's items that the user never
    /// interacted with, with the positive's history. 0 (the default) samples none.</summary>
    public int NegativesPerPositive { get; init; }

    /// <summary>The seed of the negative sampling: the same log, options and seed give the same rows.</summary>
    public long Seed { get; init; }
}
