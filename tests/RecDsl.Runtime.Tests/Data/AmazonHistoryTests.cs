using System.Globalization;
using RecDsl.Data;

namespace RecDsl.Tests.Data;

/// <summary>DIN histories from the Amazon Electronics sample (user_id,item_id,time,cate_id; grouped by user but
/// not sorted by time, with ties), checked against a brute-force reconstruction from the file text.</summary>
public class AmazonHistoryTests
{
    private const string File = "amazon_electronics_sample.csv";

    private sealed record Event(int Line, long User, long Item, long Category, long Time);

    private static Event[] EventsFromText() =>
        Fixtures.DataFields(File).Select((f, i) => new Event(i + 2, Parse(f[0]), Parse(f[1]), Parse(f[3]), Parse(f[2]))).ToArray();

    private static long Parse(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static List<Interaction> ReadLog()
    {
        using var records = new InteractionCsvReader().Open(Fixtures.PathOf(File));
        return records.ToList();
    }

    /// <summary>The definition, the slow way: an event's history is every event of the same user that happened
    /// before it, an equal time counting as before when its line comes first, in that order.</summary>
    private static Event[] HistoryOf(Event[] events, Event target) => events
        .Where(e => e.User == target.User && (e.Time < target.Time || (e.Time == target.Time && e.Line < target.Line)))
        .OrderBy(e => e.Time).ThenBy(e => e.Line)
        .ToArray();

    [Fact]
    public void The_log_reads_as_its_text()
    {
        var events = EventsFromText();

        var log = ReadLog();

        Assert.Equal(100, log.Count);
        Assert.Equal(events.Select(e => new Interaction(e.User, e.Item, e.Category, e.Time)), log);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(3)]
    public void Positive_rows_match_a_brute_force_reconstruction(int maxLen)
    {
        var events = EventsFromText();
        var expected = events
            .Select(e => (Target: e, History: HistoryOf(events, e)))
            .Where(x => x.History.Length >= 1)
            .Select(x => (x.Target.User, Position: x.History.Length, x.Target.Item, x.Target.Category, x.Target.Time,
                Items: x.History.TakeLast(maxLen).Select(h => h.Item).ToArray(),
                Categories: x.History.TakeLast(maxLen).Select(h => h.Category).ToArray()))
            .OrderBy(x => x.User).ThenBy(x => x.Position)
            .ToList();

        var rows = BehaviorHistories.Build(ReadLog(), new HistoryOptions { MaxLen = maxLen }).ToList();

        int users = events.Select(e => e.User).Distinct().Count();
        Assert.Equal(events.Length - users, rows.Count);
        Assert.Equal(expected.Count, rows.Count);
        var actual = rows.OrderBy(r => r.UserId).ThenBy(r => r.Position).ToList();
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var r = actual[i];
            Assert.True(r.Clicked);
            Assert.Equal((e.User, e.Position, e.Item, e.Category, e.Time), (r.UserId, r.Position, r.ItemId, r.CategoryId, r.Time));
            Assert.Equal(e.Items, r.ItemHistory);
            Assert.Equal(e.Categories, r.CategoryHistory);
            Assert.Equal(events.Count(x => x.User == e.User), r.UserInteractions);
        }
    }

    [Fact]
    public void Min_history_zero_keeps_the_first_interaction_with_an_empty_history()
    {
        var rows = BehaviorHistories.Build(ReadLog(), new HistoryOptions { MinHistory = 0 }).ToList();

        Assert.Equal(100, rows.Count);
        Assert.Equal(EventsFromText().Select(e => e.User).Distinct().Count(), rows.Count(r => r.ItemHistory.Length == 0));
    }

    [Fact]
    public void Rows_come_user_by_user_in_order_of_first_appearance_then_by_position()
    {
        // Users with one interaction have no row (their only target has an empty history).
        var events = EventsFromText();
        var firstSeen = events.Select(e => e.User).Distinct().Where(u => events.Count(e => e.User == u) >= 2).ToList();

        var rows = BehaviorHistories.Build(ReadLog()).ToList();

        Assert.Equal(firstSeen, rows.Select(r => r.UserId).Distinct());
        Assert.All(rows.Zip(rows.Skip(1)), pair =>
        {
            if (pair.First.UserId == pair.Second.UserId) Assert.Equal(pair.First.Position + 1, pair.Second.Position);
        });
    }

    [Fact]
    public void Negatives_follow_their_positive_with_its_history_and_an_item_the_user_never_touched()
    {
        var events = EventsFromText();
        var categoryOfItem = events.GroupBy(e => e.Item).ToDictionary(g => g.Key, g => g.First().Category);
        var options = new HistoryOptions { NegativesPerPositive = 2, Seed = 7 };

        var rows = BehaviorHistories.Build(ReadLog(), options).ToList();

        Assert.Equal(3 * (events.Length - events.Select(e => e.User).Distinct().Count()), rows.Count);
        for (int i = 0; i < rows.Count; i += 3)
        {
            var positive = rows[i];
            Assert.True(positive.Clicked);
            foreach (var negative in new[] { rows[i + 1], rows[i + 2] })
            {
                Assert.False(negative.Clicked);
                Assert.Equal((positive.UserId, positive.Time, positive.Position), (negative.UserId, negative.Time, negative.Position));
                Assert.Equal(positive.ItemHistory, negative.ItemHistory);
                Assert.Equal(positive.CategoryHistory, negative.CategoryHistory);
                Assert.DoesNotContain(events, e => e.User == negative.UserId && e.Item == negative.ItemId);
                Assert.Equal(categoryOfItem[negative.ItemId], negative.CategoryId);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_negatives_and_another_seed_others()
    {
        var log = ReadLog();
        long[] Negatives(long seed) => BehaviorHistories.Build(log, new HistoryOptions { NegativesPerPositive = 1, Seed = seed })
            .Where(r => !r.Clicked).Select(r => r.ItemId).ToArray();

        Assert.Equal(Negatives(7), Negatives(7));
        Assert.NotEqual(Negatives(7), Negatives(8));
    }

    [Fact]
    public void A_user_who_touched_every_item_cannot_get_negatives()
    {
        var log = new[] { new Interaction(1, 10, 0, 1), new Interaction(1, 11, 0, 2), new Interaction(2, 10, 0, 1), new Interaction(2, 10, 0, 2) };

        var error = Assert.Throws<InvalidOperationException>(() => BehaviorHistories.Build(log, new HistoryOptions { NegativesPerPositive = 1 }).ToList());

        Assert.Equal("User 1 interacted with all 2 items, so no negative can be sampled for them.", error.Message);
    }
}
