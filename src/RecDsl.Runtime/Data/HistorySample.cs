namespace RecDsl.Data;

/// <summary>
/// One DIN training row built from a behaviour log: the target item (and category) with the user's earlier items
/// (and categories) as history, oldest first, at most <see cref="HistoryOptions.MaxLen"/> of the most recent.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="ItemId">The target item: the interacted item for a positive, a sampled item for a negative.</param>
/// <param name="CategoryId">The target item's category.</param>
/// <param name="ItemHistory">The items the user interacted with before the target's interaction, oldest first.</param>
/// <param name="CategoryHistory">Their categories, aligned with <paramref name="ItemHistory"/>.</param>
/// <param name="Clicked">True for an observed interaction, false for a sampled negative.</param>
/// <param name="Time">The time of the target's interaction (a negative takes its positive's time).</param>
/// <param name="Position">The 0-based index of the target's interaction in the user's time-ordered log; with
/// <paramref name="UserInteractions"/> it allows leave-last-out splits (<c>Position == UserInteractions - 1</c>).</param>
/// <param name="UserInteractions">How many interactions the user has in the log.</param>
public sealed record HistorySample(
    long UserId,
    long ItemId,
    long CategoryId,
    long[] ItemHistory,
    long[] CategoryHistory,
    bool Clicked,
    long Time,
    int Position,
    int UserInteractions);
