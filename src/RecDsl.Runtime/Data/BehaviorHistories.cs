namespace RecDsl.Data;

/// <summary>
/// Builds DIN rows from a behaviour log (Amazon Electronics: user, item, category, time): for each user, the k-th
/// interaction in time order is a positive target whose history is the user's interactions 0..k-1 (the most
/// recent <see cref="HistoryOptions.MaxLen"/>), optionally followed by sampled negatives with the same history.
/// </summary>
/// <remarks>
/// The log need not be sorted: each user's interactions are ordered by time, and interactions at the same time
/// keep their order in the log (a stable sort), so the result does not depend on the sort the file happens to
/// have. Rows come user by user (in order of first appearance), then by position. The whole log is held in memory
/// (a user's history needs all of their events); the rows are produced lazily.
/// </remarks>
public static class BehaviorHistories
{
    /// <summary>The DIN rows of <paramref name="log"/>; see the class remarks for the order and ties.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Negatives are asked for, but a user interacted with every item.</exception>
    public static IEnumerable<HistorySample> Build(IEnumerable<Interaction> log, HistoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new HistoryOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLen, nameof(options.MaxLen));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinHistory, nameof(options.MinHistory));
        ArgumentOutOfRangeException.ThrowIfNegative(options.NegativesPerPositive, nameof(options.NegativesPerPositive));
        return BuildRows(log, options);
    }

    private static IEnumerable<HistorySample> BuildRows(IEnumerable<Interaction> log, HistoryOptions options)
    {
        var events = log as IReadOnlyList<Interaction> ?? log.ToList();
        var byUser = new Dictionary<long, List<int>>();
        var users = new List<long>();
        var categoryOf = new Dictionary<long, long>();
        var catalogue = new List<long>();
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!byUser.TryGetValue(e.UserId, out var indices))
            {
                byUser[e.UserId] = indices = new List<int>();
                users.Add(e.UserId);
            }
            indices.Add(i);
            // An item's category is the one it first appears with (Amazon gives each item one).
            if (categoryOf.TryAdd(e.ItemId, e.CategoryId)) catalogue.Add(e.ItemId);
        }

        var random = new SplitMix64(options.Seed);
        foreach (long user in users)
        {
            var indices = byUser[user];
            // Stable by log position among equal times (List.Sort is not stable, so compare the index too).
            indices.Sort((a, b) => events[a].Time != events[b].Time ? events[a].Time.CompareTo(events[b].Time) : a.CompareTo(b));
            var seen = options.NegativesPerPositive > 0 ? new HashSet<long>(indices.Select(i => events[i].ItemId)) : null;
            if (seen is not null && seen.Count >= catalogue.Count)
            {
                throw new InvalidOperationException($"User {user} interacted with all {catalogue.Count} items, so no negative can be sampled for them.");
            }
            for (int k = options.MinHistory; k < indices.Count; k++)
            {
                int start = Math.Max(0, k - options.MaxLen);
                var target = events[indices[k]];
                var items = new long[k - start];
                var categories = new long[k - start];
                for (int j = start; j < k; j++)
                {
                    items[j - start] = events[indices[j]].ItemId;
                    categories[j - start] = events[indices[j]].CategoryId;
                }
                yield return new HistorySample(user, target.ItemId, target.CategoryId, items, categories, true, target.Time, k, indices.Count);
                for (int n = 0; n < options.NegativesPerPositive; n++)
                {
                    long negative;
                    do negative = catalogue[random.NextIndex(catalogue.Count)];
                    while (seen!.Contains(negative));
                    yield return new HistorySample(user, negative, categoryOf[negative], (long[])items.Clone(), (long[])categories.Clone(),
                        false, target.Time, k, indices.Count);
                }
            }
        }
    }
}
