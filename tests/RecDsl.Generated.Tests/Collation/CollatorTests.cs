using System.Collections.Immutable;
using RecDsl.Collation;
using Shop;
using Shop.Funnel;
using Sports;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Generated.Tests.Collation;

/// <summary>Generated collators against the naive reference, on random records (property style: many seeds).</summary>
public class CollatorTests
{
    private static readonly string[] Categories = Enumerable.Range(0, 30).Select(i => "cat" + i).ToArray();

    private static AdClick RandomAdClick(Random r) => new()
    {
        UserId = r.Next(-5, 1100), // some below 0 and above 999: OOV
        AdId = r.Next(0, 520),
        Site = r.Next(10) == 0 ? null : "site" + r.Next(200),
        Category = r.Next(8) == 0 ? "unseen" + r.Next(5) : Categories[r.Next(Categories.Length)],
        Price = (float)(r.NextDouble() * 100),
        Clicked = r.Next(2) == 1,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AdClick_matches_the_reference(int seed)
    {
        var r = new Random(seed);
        var fitting = Enumerable.Range(0, 300).Select(_ => RandomAdClick(r)).ToList();
        var vocabulary = AdClickVocabulary.Fit(fitting);
        // Batches of 1 to 700 rows: the row index of every buffer write and error follows the batch.
        var records = Enumerable.Range(0, r.Next(1, 700)).Select(_ => RandomAdClick(r)).ToArray();
        var collator = new AdClickCollator(vocabulary);

        using var batch = collator.Collate(records);
        Assert.Equal(records.Length, batch.Count);
        var sparse = Reference.Longs(batch.SparseRows);
        var dense = Reference.Floats(batch.Dense);
        var label = Reference.Floats(batch.Label!);
        long expectedOov = 0;
        for (int i = 0; i < records.Length; i++)
        {
            var x = records[i];
            var expected = new[]
            {
                Reference.IdRow(x.UserId, 1000),
                Reference.IdRow(x.AdId, 500),
                Reference.HashRow(x.Site, 1024),
                Reference.VocabularyRow(vocabulary.Category.Tokens, x.Category),
            };
            expectedOov += expected.Count(v => v == 1);
            Assert.Equal(expected, Reference.Row(sparse, i));
            Assert.Equal(x.Price, dense[i]);
            Assert.Equal(x.Clicked ? 1f : 0f, label[i]);
            Assert.Equal(x.UserId, batch.Groups![i]);
        }
        Assert.Equal(expectedOov, collator.Oov.Total);
        Assert.Equal(records.Count(x => x.UserId is < 0 or >= 1000), collator.Oov["UserId"]);
        Assert.Equal(records.Count(x => x.Site is null), collator.Oov["Site"]);
    }

    [Fact]
    public void Typed_properties_are_views_of_the_blocks()
    {
        var records = new[] { new AdClick { UserId = 3, AdId = 4, Site = "a", Category = "cat1", Price = 2.5f, Clicked = true } };
        using var batch = new AdClickCollator(AdClickVocabulary.Fit(records)).Collate(records);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(5L, batch.UserId[0].item<long>());
        Assert.Equal(6L, batch.AdId[0].item<long>());
        Assert.Equal(2L, batch.Category[0].item<long>());
        Assert.Equal(2.5f, batch.Price[0].item<float>());
        Assert.Equal(1f, batch.Clicked[0].item<float>());
        Assert.Same(batch, batch.To(CPU));
    }

    [Fact]
    public void A_batch_knows_its_record_through_selection_and_the_model_of_another_record_refuses_it()
    {
        var records = Enumerable.Range(0, 8).Select(i => new AdClick { UserId = i, AdId = i, Site = "s", Category = "cat1", Price = i, Clicked = i % 2 == 0 }).ToArray();
        var collator = new AdClickCollator(AdClickVocabulary.Fit(records));
        using var batch = collator.Collate(records);
        using var rows = torch.tensor(new long[] { 3, 1 });
        using var selected = batch.Select(rows);

        Assert.Equal("Shop.AdClick", batch.RecordName);
        Assert.Equal("Shop.AdClick", selected.RecordName);
        using var match = new Sports.MatchWideDeep(Sports.MatchVocabulary.Fit(new[] { new Sports.Match { Home = "a", Away = "b", Round = 1 } }));
        var error = Assert.Throws<ArgumentException>(() => RecDsl.Training.Evaluator.Evaluate(match, batch));
        Assert.StartsWith("The evaluation data was collated for 'Shop.AdClick', but this network is for 'Sports.Match'.", error.Message);
    }

    // A batch's sparse rows are vocabulary ids + 2: collated through another vocabulary they stand for other tokens,
    // with the same shapes, and would train or score without a word. Equal vocabularies (a loaded model's) are fine.
    [Fact]
    public void A_batch_collated_through_other_vocabularies_is_refused_and_one_through_equal_vocabularies_is_not()
    {
        var records = Enumerable.Range(0, 12).Select(i => new AdClick { UserId = i, AdId = i, Site = "s", Category = "cat" + (i % 4), Price = i, Clicked = i % 2 == 0 }).ToArray();
        var vocabulary = AdClickVocabulary.Fit(records);
        // The same tokens, counted in another order: cat3 becomes the most frequent, so it takes id 0.
        var reordered = AdClickVocabulary.Fit(records.Append(records[3]));
        using var model = new AdClickDeepFM(vocabulary);
        using var own = model.CreateCollator().Collate(records);
        using var other = new AdClickCollator(reordered).Collate(records);
        using var rows = torch.tensor(new long[] { 2, 0 });
        using var selected = other.Select(rows);
        Assert.Same(reordered, other.Vocabularies);
        Assert.Same(reordered, selected.Vocabularies);

        var evaluating = Assert.Throws<ArgumentException>(() => RecDsl.Training.Evaluator.Evaluate(model, selected));
        Assert.StartsWith("The evaluation data was collated with other vocabularies than this model's: table 'Category' has token 'cat3' at id 0 where the model has 'cat0'", evaluating.Message);
        var training = Assert.Throws<ArgumentException>(() => new RecDsl.Training.Trainer(model, new RecDsl.Training.TrainerOptions { Epochs = 1 }).Fit(other));
        Assert.StartsWith("The training data was collated with other vocabularies", training.Message);
        var validating = Assert.Throws<ArgumentException>(() => new RecDsl.Training.Trainer(model, new RecDsl.Training.TrainerOptions { Epochs = 1 }).Fit(own, other));
        Assert.StartsWith("The validation data was collated with other vocabularies", validating.Message);
        var fewer = AdClickVocabulary.Fit(records.Take(3));
        using var shorter = new AdClickCollator(fewer).Collate(records);
        Assert.Contains("table 'Category' has 3 tokens where the model has 4", Assert.Throws<ArgumentException>(() => RecDsl.Training.Evaluator.Evaluate(model, shorter)).Message);

        // A saved and loaded model has equal vocabularies in new instances: the batches of the original are its own.
        var path = Path.Combine(Path.GetTempPath(), $"recdsl-vocabulary-check-{Guid.NewGuid():N}.recdsl");
        try
        {
            model.Save(path);
            using var loaded = AdClickDeepFM.Load(path);
            Assert.NotSame(model.Vocabulary, loaded.Vocabulary);
            Assert.Equal(RecDsl.Training.Evaluator.Evaluate(model, own)["auc"], RecDsl.Training.Evaluator.Evaluate(loaded, own)["auc"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static ItemView RandomItemView(Random r, string[] tags) => new()
    {
        ItemId = r.Next(0, 1005),
        CategoryId = r.Next(0, 50),
        History = Enumerable.Range(0, r.Next(0, 30)).Select(_ => r.Next(0, 1010)).ToArray(),
        CategoryHistory = Enumerable.Range(0, r.Next(0, 25)).Select(_ => r.Next(-1, 50)).ToList(),
        Tags = Enumerable.Range(0, r.Next(0, 8)).Select(_ => tags[r.Next(tags.Length)]).ToArray(),
        Age = r.Next(4) == 0 ? null : r.Next(18, 80),
        Clicked = (float)r.NextDouble(),
    };

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void ItemView_sequences_keep_the_most_recent_items_and_pad_at_the_end(int seed)
    {
        var r = new Random(seed);
        var tags = Enumerable.Range(0, 12).Select(i => "t" + i).ToArray();
        var vocabulary = ItemViewVocabulary.Fit(Enumerable.Range(0, 100).Select(_ => RandomItemView(r, tags.Take(9).ToArray())));
        var collator = new ItemViewCollator(vocabulary);
        // A big batch first, then a small one: reused buffers must not leak stale items into the padding.
        collator.Collate(Enumerable.Range(0, 150).Select(_ => RandomItemView(r, tags)).ToArray()).Dispose();
        var records = Enumerable.Range(0, 40).Select(_ => RandomItemView(r, tags)).ToList();

        using var batch = collator.Collate(records);
        var history = Reference.Longs(batch.History);
        var categories = Reference.Longs(batch.CategoryHistory);
        var tagRows = Reference.Longs(batch.Tags);
        var age = Reference.Floats(batch.Dense);
        var lengths = batch.HistoryLength.data<long>().ToArray();
        for (int i = 0; i < records.Count; i++)
        {
            var x = records[i];
            Assert.Equal(Reference.Sequence(x.History.Select(v => Reference.IdRow(v, 1000)), 20), Reference.Row(history, i));
            Assert.Equal(Reference.Sequence(x.CategoryHistory.Select(v => Reference.IdRow(v, 50)), 20), Reference.Row(categories, i));
            Assert.Equal(Reference.Sequence(x.Tags.Select(t => Reference.VocabularyRow(vocabulary.Tags.Tokens, t)), 5), Reference.Row(tagRows, i));
            Assert.Equal((float)(x.Age ?? 30), age[i]);
            Assert.Equal(Math.Min(20, x.History.Length), lengths[i]);
        }
        Assert.Equal(Reference.Floats(batch.Clicked), records.Select(x => x.Clicked).ToArray());
    }

    private static IEnumerable<string> Lazily(IEnumerable<string> items)
    {
        foreach (var item in items) yield return item;
    }

    [Fact]
    public void Impression_reads_enums_bools_and_lazy_sequences()
    {
        var r = new Random(5);
        var queries = Enumerable.Range(0, 60).Select(i => Enumerable.Range(0, i % 13).Select(k => $"q{i}-{k}").ToArray()).ToArray();
        var records = queries.Select((q, i) => new Tracking.Impression(r.Next(1200), (DeviceKind)(i % 3), i % 2 == 0, Lazily(q), r.NextDouble(), i % 3 == 0, i % 6 == 0)).ToArray();
        var collator = new TrackingImpressionCollator();
        using var batch = collator.Collate(records);
        var sparse = Reference.Longs(batch.SparseRows);
        var seq = Reference.Longs(batch.Queries);
        var click = Reference.Floats(batch.Clicked);
        var conversion = Reference.Floats(batch.Converted);
        for (int i = 0; i < records.Length; i++)
        {
            var x = records[i];
            Assert.Equal(new[] { Reference.IdRow(x.UserId, 1000), (long)x.Device + 2, x.IsMobile ? 3L : 2L }, Reference.Row(sparse, i));
            Assert.Equal(Reference.Sequence(queries[i].Select(q => Reference.HashRow(q, 4096)), 8), Reference.Row(seq, i));
            Assert.Equal(x.Clicked ? 1f : 0f, click[i]);
            Assert.Equal(x.Converted ? 1f : 0f, conversion[i]);
        }
        Assert.Equal(records.Count(x => x.UserId >= 1000), collator.Oov.Total);
    }

    [Fact]
    public void Match_shares_one_vocabulary_between_tables_members_and_hashes_longs()
    {
        var teams = new[] { "ajax", "psv", "az", "feyenoord" };
        var records = Enumerable.Range(0, 20).Select(i => new Match
        {
            Home = teams[i % 4], Away = teams[(i + 1) % 4], Round = i % 10,
            Venues = ImmutableArray.Create<long>(i, i + 1, i + 2, -i), Odds = i % 5 == 0 ? float.NaN : i, HomeWins = 0.5,
        }).ToArray();
        var vocabulary = MatchVocabulary.Fit(records);
        Assert.Equal(teams.Order(StringComparer.Ordinal), vocabulary.Team.Tokens); // equal counts: ordinal order
        using var batch = new MatchCollator(vocabulary).Collate(records);
        var sparse = Reference.Longs(batch.SparseRows);
        var venues = Reference.Longs(batch.Venues);
        var odds = Reference.Floats(batch.Odds);
        for (int i = 0; i < records.Length; i++)
        {
            Assert.Equal(Reference.VocabularyRow(vocabulary.Team.Tokens, records[i].Home), sparse[i, 0]);
            Assert.Equal(Reference.VocabularyRow(vocabulary.Team.Tokens, records[i].Away), sparse[i, 1]);
            Assert.Equal(Reference.Sequence(new long[] { i + 1, i + 2, -i }.Select(v => Reference.HashRow(v, 256)), 3), Reference.Row(venues, i));
            Assert.Equal(i % 5 == 0 ? 0f : i, odds[i]); // [Dense(Default = 0)] replaces NaN
        }
        var empty = new Match { Home = "ajax", Away = "az", Round = 1 }; // default ImmutableArray: empty history
        using var emptyBatch = new MatchCollator(vocabulary).Collate(new[] { empty });
        Assert.Equal(new long[] { 0, 0, 0 }, Reference.Row(Reference.Longs(emptyBatch.Venues), 0));
    }

    [Fact]
    public void Oov_throw_names_the_feature_the_value_and_the_row()
    {
        var ok = new Match { Home = "a", Away = "b", Round = 3 };
        var collator = new MatchCollator(MatchVocabulary.Fit(new[] { ok }));
        var error = Assert.Throws<CollationException>(() => collator.Collate(new[] { ok, ok, ok with { Round = 12 } }));
        Assert.Equal("Round", error.Member);
        Assert.Equal(2, error.Row);
        Assert.Equal("12", error.Value);
        Assert.Contains("'Round'", error.Message);
        Assert.Contains("'12'", error.Message);
        Assert.Contains("row 2", error.Message);
        Assert.Contains("outside [0, 10)", error.Message);
        var missing = Assert.Throws<CollationException>(() => collator.Collate(new[] { ok with { Round = null } }));
        Assert.Contains("missing", missing.Message);
        Assert.Equal(0, missing.Row);
    }

    [Fact]
    public void Oov_throw_on_a_vocabulary_names_an_unseen_string_a_null_one_and_an_unseen_item()
    {
        var seen = new Shop.Strict.TaggedAd { Category = "shoes", Tags = ["a", "b"] };
        var collator = new Shop.Strict.TaggedAdCollator(Shop.Strict.TaggedAdVocabulary.Fit(new[] { seen }));
        using (var batch = collator.Collate(new[] { seen })) Assert.Equal(1, batch.Count);

        CollationException Fails(Shop.Strict.TaggedAd bad) => Assert.Throws<CollationException>(() => collator.Collate(new[] { seen, bad }));
        var unseen = Fails(seen with { Category = "socks" });
        var missing = Fails(seen with { Category = null! });
        var item = Fails(seen with { Tags = ["a", "zzz"] });

        Assert.Equal(("Category", 1, "socks"), (unseen.Member, unseen.Row, unseen.Value));
        Assert.Contains("'socks' at row 1, which is not in the fitted vocabulary.", unseen.Message);
        Assert.Contains("value null at row 1, which is missing.", missing.Message);
        Assert.Equal(("Tags", 1, "zzz"), (item.Member, item.Row, item.Value));
        Assert.Contains("which is not in the fitted vocabulary (item 1).", item.Message);
    }

    [Fact]
    public void A_computed_feature_that_throws_names_the_record_and_row()
    {
        var records = new[] { new Shop.Computed.Rate { Clicks = 4, Views = 2 }, new Shop.Computed.Rate { Clicks = 1, Views = 0 }, new Shop.Computed.Rate { Clicks = 3, Views = 1 } };

        var error = Assert.Throws<CollationException>(() => new Shop.Computed.RateCollator().Collate(records));

        Assert.Equal(1, error.Row);
        Assert.IsType<DivideByZeroException>(error.InnerException);
        // The member is named while the stack shows its getter; a JIT that inlined it leaves the row only.
        Assert.Matches(@"^Reading( 'ClicksPerView')? of Rate at row 1 threw DivideByZeroException: ", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_dense_values_without_a_default_name_the_member_and_row(float bad)
    {
        // The reported row is the record's index in the batch.
        var records = Enumerable.Range(0, 600).Select(i => new AdClick { UserId = i % 1000, Category = "c", Price = i == 300 ? bad : 1f }).ToArray();
        var collator = new AdClickCollator(AdClickVocabulary.Fit(records));
        var error = Assert.Throws<CollationException>(() => collator.Collate(records));
        Assert.Equal("Price", error.Member);
        Assert.Equal(300, error.Row);
        Assert.Contains("Dense feature 'Price'", error.Message);
        Assert.Contains("row 300", error.Message);
        Assert.Contains("Default", error.Message);
    }

    [Fact]
    public void Labels_outside_zero_one_are_rejected()
    {
        var error = Assert.Throws<CollationException>(() =>
            new MatchCollator(MatchVocabulary.Fit(new[] { new Match { Round = 1 } })).Collate(new[] { new Match { Round = 1, HomeWins = 1.5 } }));
        Assert.Equal("HomeWins", error.Member);
    }

    [Fact]
    public void An_empty_batch_has_zero_rows()
    {
        using var batch = new TrackingImpressionCollator().Collate(Array.Empty<Tracking.Impression>());
        Assert.Equal(new long[] { 0, 3 }, batch.SparseRows.shape);
        Assert.Equal(new long[] { 0, 8 }, batch.Queries.shape);
    }

    [Fact]
    public void A_null_sequence_collates_as_an_empty_one()
    {
        var r = new Random(13);
        var tags = Enumerable.Range(0, 6).Select(i => "t" + i).ToArray();
        var vocabulary = ItemViewVocabulary.Fit(Enumerable.Range(0, 50).Select(_ => RandomItemView(r, tags)));
        var full = RandomItemView(r, tags) with { History = [3, 4, 5], CategoryHistory = [1, 2], Tags = ["t1"] };
        var collator = new ItemViewCollator(vocabulary);
        collator.Collate(new[] { full, full }).Dispose(); // stale items in the reused buffers must not show through

        using var nulls = collator.Collate(new[] { full with { History = null!, CategoryHistory = null!, Tags = null! } });
        using var empties = collator.Collate(new[] { full with { History = [], CategoryHistory = [], Tags = [] } });

        Assert.Equal(new long[20], Reference.Row(Reference.Longs(nulls.History), 0));
        Assert.Equal(new long[20], Reference.Row(Reference.Longs(nulls.CategoryHistory), 0));
        Assert.Equal(new long[5], Reference.Row(Reference.Longs(nulls.Tags), 0));
        Assert.Equal(0L, nulls.HistoryLength.data<long>()[0]);
        Assert.True(nulls.SparseRows.equal(empties.SparseRows).all().item<bool>());
    }

    [Fact]
    public void Any_read_only_list_collates_like_an_array()
    {
        var r = new Random(9);
        var records = Enumerable.Range(0, 30).Select(_ => RandomAdClick(r)).ToArray();
        var vocabulary = AdClickVocabulary.Fit(records);
        using var fromArray = new AdClickCollator(vocabulary).Collate(records);
        using var fromList = new AdClickCollator(vocabulary).Collate(records.ToList());
        using var fromReadOnly = new AdClickCollator(vocabulary).Collate(records.AsReadOnly());
        Assert.True(fromArray.SparseRows.equal(fromList.SparseRows).all().item<bool>());
        Assert.True(fromArray.SparseRows.equal(fromReadOnly.SparseRows).all().item<bool>());
    }

    [Fact]
    public void A_saved_and_loaded_vocabulary_collates_the_same()
    {
        var r = new Random(3);
        var records = Enumerable.Range(0, 100).Select(_ => RandomAdClick(r)).ToArray();
        var vocabulary = AdClickVocabulary.Fit(records, minCount: 2);
        var stream = new MemoryStream();
        vocabulary.Save(stream);
        stream.Position = 0;
        var loaded = AdClickVocabulary.Load(stream);
        Assert.Equal(vocabulary.Category.Tokens, loaded.Category.Tokens);
        using var a = new AdClickCollator(vocabulary).Collate(records);
        using var b = new AdClickCollator(loaded).Collate(records);
        Assert.True(a.SparseRows.equal(b.SparseRows).all().item<bool>());
    }
}

public class VocabularyFitTests
{
    [Fact]
    public void Fitting_on_no_records_is_refused_instead_of_sending_every_string_to_oov()
    {
        var error = Assert.Throws<ArgumentException>(() => AdClickVocabulary.Fit(Array.Empty<AdClick>()));

        Assert.StartsWith("Fitting the vocabularies of 'Shop.AdClick' on no records: every string would go to the OOV row.", error.Message);
        Assert.Equal("records", error.ParamName);
    }

    [Fact]
    public void An_enumerable_already_consumed_is_the_same_mistake()
    {
        var records = new[] { new AdClick { Category = "a" } };
        using var once = records.AsEnumerable().GetEnumerator();
        IEnumerable<AdClick> Remaining() { while (once.MoveNext()) yield return once.Current; }
        var consumed = Remaining();
        Assert.Single(AdClickVocabulary.Fit(consumed).Category.Tokens);

        Assert.Throws<ArgumentException>(() => AdClickVocabulary.Fit(consumed));
    }

    [Fact]
    public void A_null_record_is_named_by_its_position()
    {
        var error = Assert.Throws<ArgumentException>(() => AdClickVocabulary.Fit(new[] { new AdClick { Category = "a" }, null! }));

        Assert.StartsWith("Record 1 passed to Fit is null.", error.Message);
    }

    [Fact]
    public void A_struct_record_fits_through_the_same_checks()
    {
        var vocabulary = ItemViewVocabulary.Fit(new[] { new ItemView { Tags = new[] { "x", "y", "x" } } });
        Assert.Equal(new[] { "x", "y" }, vocabulary.Tags.Tokens);
        Assert.Throws<ArgumentException>(() => ItemViewVocabulary.Fit(Array.Empty<ItemView>()));
    }

    [Fact]
    public void A_min_count_below_one_fails_before_any_record_is_read()
    {
        var unreadable = new[] { 1 }.Select<int, AdClick>(_ => throw new InvalidOperationException("read"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AdClickVocabulary.Fit(unreadable, minCount: 0));

        Assert.Equal("minCount", error.ParamName);
    }
}

public class CollatorEdgeTests
{
    [Fact]
    public void A_null_record_is_named_by_its_index()
    {
        var records = new AdClick?[] { new AdClick { Category = "a" }, null };
        var error = Assert.Throws<ArgumentException>(() => new AdClickCollator(AdClickVocabulary.Fit(new[] { records[0]! })).Collate(records!));
        Assert.Contains("Record 1", error.Message);
    }

    [Fact]
    public void To_another_device_keeps_the_typed_batch()
    {
        var records = new[] { new AdClick { UserId = 7, Category = "a", Price = 1.5f } };
        using var batch = new AdClickCollator(AdClickVocabulary.Fit(records)).Collate(records);
        using var moved = batch.To(torch.device("meta"));
        Assert.IsType<AdClickBatch>(moved);
        Assert.NotSame(batch, moved);
        Assert.Equal(DeviceType.META, moved.UserId.device_type);
        Assert.Equal(new long[] { 1 }, moved.Price.shape);
        Assert.Equal(batch.Groups, moved.Groups);
    }

    private static readonly Edge.Visit Valid = new() { Store = 2, Visits = 3, Minutes = 40, Spend = 1.5, Amount = 2.25m, Pages = new[] { 1, 2 } };

    [Fact]
    public void Nullable_ids_go_to_the_oov_row_and_count_and_nullable_groups_are_min_value()
    {
        var records = new[] { Valid, Valid with { Store = null }, Valid with { Store = 7 }, Valid with { Store = 4 } };
        var collator = new Edge.VisitCollator();
        using var batch = collator.Collate(records);
        Assert.Equal(new long[] { 4, 1, 1, 6 }, batch.Store.data<long>().ToArray());
        Assert.Equal(2, collator.Oov["Store"]);
        Assert.Equal(new[] { 2L, long.MinValue, 7L, 4L }, batch.Groups);
    }

    [Fact]
    public void Nullable_and_decimal_dense_values_follow_their_policy()
    {
        var collator = new Edge.VisitCollator();
        using (var batch = collator.Collate(new[] { Valid, Valid with { Minutes = null } }))
        {
            Assert.Equal(new float[] { 3, 40, 1.5f, 2.25f }, Reference.Floats(batch.Dense).Take(4));
            Assert.Equal(-1f, batch.Minutes.data<float>()[1]);
        }
        var missingInt = Assert.Throws<CollationException>(() => collator.Collate(new[] { Valid, Valid, Valid with { Visits = null } }));
        Assert.Equal(("Visits", 2, (string?)null), (missingInt.Member, missingInt.Row, missingInt.Value));
        Assert.Contains("missing", missingInt.Message);
        var missingDouble = Assert.Throws<CollationException>(() => collator.Collate(new[] { Valid with { Spend = null } }));
        Assert.Equal(("Spend", 0), (missingDouble.Member, missingDouble.Row));
        var nan = Assert.Throws<CollationException>(() => collator.Collate(new[] { Valid, Valid with { Spend = double.NaN } }));
        Assert.Equal(("Spend", 1, "NaN"), (nan.Member, nan.Row, nan.Value));
        // A double beyond float's range becomes infinite when narrowed: an error too, reporting the value as given.
        var huge = Assert.Throws<CollationException>(() => collator.Collate(new[] { Valid with { Spend = 1e300 } }));
        Assert.Equal("1E+300", huge.Value);
    }

    [Fact]
    public void Oov_throw_in_a_sequence_names_the_item()
    {
        var error = Assert.Throws<CollationException>(() =>
            new Edge.VisitCollator().Collate(new[] { Valid, Valid with { Pages = new[] { 1, 2, 12 } } }));
        Assert.Equal(("Pages", 1, "12"), (error.Member, error.Row, error.Value));
        Assert.Contains("outside [0, 10) (item 2)", error.Message);
    }

    [Fact]
    public void After_a_rejected_batch_the_collator_fills_the_next_one_correctly()
    {
        var collator = new Edge.VisitCollator();
        Assert.Throws<CollationException>(() => collator.Collate(new[] { Valid, Valid with { Visits = null } }));
        using var batch = collator.Collate(new[] { Valid with { Store = 3 } });
        Assert.Equal(new long[] { 5 }, batch.Store.data<long>().ToArray());
        Assert.Equal(new long[] { 3, 4, 0, 0 }, batch.Pages.data<long>().ToArray());
    }

    [Fact]
    public void Collating_for_another_device_fills_host_arrays_and_uploads_them()
    {
        // CPU batches are filled in place; any other device goes through the reused arrays and one copy per block.
        var records = new[] { Valid, Valid with { Store = null } };
        using var batch = new Edge.VisitCollator().Collate(records, torch.device("meta"));
        Assert.Equal(DeviceType.META, batch.SparseRows.device_type);
        Assert.Equal(new long[] { 2, 1 }, batch.SparseRows.shape);
        Assert.Equal(new long[] { 2, 4 }, batch.Dense.shape);
        Assert.Equal(new long[] { 2, 4 }, batch.Pages.shape);
        Assert.Equal(new[] { 2L, long.MinValue }, batch.Groups);
    }
}
