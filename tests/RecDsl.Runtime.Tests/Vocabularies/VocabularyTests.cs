using RecDsl.Vocabularies;

namespace RecDsl.Tests.Vocabularies;

public class VocabularyTests
{
    [Fact]
    public void Fit_orders_by_frequency_then_ordinal_and_applies_min_count_and_capacity()
    {
        var values = new[] { "b", "a", "c", "b", "a", "d", "B", "a", null, "c" };
        var vocabulary = Vocabulary.Fit(values, minCount: 2, capacity: 10);
        // a:3, b:2, c:2 (b before c by ordinal), d and B seen once -> dropped; null never counts.
        Assert.Equal(new[] { "a", "b", "c" }, vocabulary.Tokens);
        Assert.Equal(new[] { "a", "b" }, Vocabulary.Fit(values, minCount: 2, capacity: 2).Tokens);
        // Ordinal: "B" (0x42) sorts before "a" (0x61) at equal counts.
        Assert.Equal(new[] { "a", "B", "d" }, Vocabulary.Fit(new[] { "d", "a", "B", "a" }).Tokens);
    }

    [Fact]
    public void Fit_does_not_depend_on_input_order()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(_ => "t" + random.Next(40)).ToArray();
        var shuffled = values.OrderBy(_ => random.Next()).ToArray();
        Assert.Equal(Vocabulary.Fit(values, 2, 25).Tokens, Vocabulary.Fit(shuffled, 2, 25).Tokens);
    }

    [Fact]
    public void Rows_follow_the_row_convention_and_unknowns_go_to_oov()
    {
        var vocabulary = new Vocabulary(new[] { "x", "y" });
        Assert.Equal(2L, vocabulary.RowOf("x"));
        Assert.Equal(3L, vocabulary.RowOf("y"));
        Assert.Equal(1L, vocabulary.RowOf("z"));
        Assert.Equal(1L, vocabulary.RowOf(null));
        Assert.Equal(-1, vocabulary.IdOf("z"));
        Assert.Throws<ArgumentException>(() => new Vocabulary(new[] { "x", "x" }));
    }

    private sealed class TwoTables : VocabularySet
    {
        public static readonly string[] Names = { "site", "tag\"s" };
        public TwoTables(Vocabulary site, Vocabulary tags) : base("Test.Record", new[] { KeyValuePair.Create("site", site), KeyValuePair.Create("tag\"s", tags) }) { }
        public static TwoTables Load(Stream stream) { var t = ReadTables(stream, Names); return new TwoTables(t[0], t[1]); }
        public static TwoTables Load(string path) { var t = ReadTables(path, Names); return new TwoTables(t[0], t[1]); }
    }

    [Fact]
    public void The_digest_follows_its_documented_bytes_and_changes_with_any_token_or_boundary()
    {
        // docs/serving.md: int32 LE counts; per table its name, its token count, then each token, every string as its
        // UTF-16 code-unit count and its code units (LE). Written out by hand for site = ["a"], tag"s = [].
        var bytes = new List<byte>();
        void Int(int n) => bytes.AddRange(BitConverter.GetBytes(n));
        void Text(string t) { Int(t.Length); foreach (var c in t) { bytes.Add((byte)c); bytes.Add((byte)(c >> 8)); } }
        Int(2);
        Text("site"); Int(1); Text("a");
        Text("tag\"s"); Int(0);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.ToArray()));
        Assert.Equal(expected, new TwoTables(new Vocabulary(new[] { "a" }), Vocabulary.Empty).Digest);

        var set = new TwoTables(new Vocabulary(new[] { "ab", "c" }), new Vocabulary(new[] { "q" }));
        // Equal tokens in new instances (a loaded model's) give the same digest; a reorder, a token moved across a
        // boundary, another table or a lone surrogate do not.
        Assert.Equal(set.Digest, new TwoTables(new Vocabulary(new[] { "ab", "c" }), new Vocabulary(new[] { "q" })).Digest);
        var others = new[]
        {
            new TwoTables(new Vocabulary(new[] { "c", "ab" }), new Vocabulary(new[] { "q" })),
            new TwoTables(new Vocabulary(new[] { "a", "bc" }), new Vocabulary(new[] { "q" })),
            new TwoTables(new Vocabulary(new[] { "abc" }), new Vocabulary(new[] { "q" })),
            new TwoTables(new Vocabulary(new[] { "ab" }), new Vocabulary(new[] { "c", "q" })),
            new TwoTables(new Vocabulary(new[] { "ab", "\ud800" }), new Vocabulary(new[] { "q" })),
            new TwoTables(new Vocabulary(new[] { "ab", "\udc00" }), new Vocabulary(new[] { "q" })),
        };
        Assert.Equal(others.Length + 1, others.Select(o => o.Digest).Append(set.Digest).Distinct().Count());
        Assert.Matches("^[0-9a-f]{64}$", set.Digest);
    }

    [Fact]
    public void A_set_round_trips_through_a_file_and_rejects_foreign_files()
    {
        var set = new TwoTables(new Vocabulary(new[] { "a", "ü\n", "" }), new Vocabulary(new[] { "q" }));
        var path = Path.Combine(Path.GetTempPath(), $"recdsl-vocab-{Guid.NewGuid():N}.json");
        try
        {
            set.Save(path);
            var loaded = TwoTables.Load(path);
            Assert.Equal(set["site"].Tokens, loaded["site"].Tokens);
            Assert.Equal(set["tag\"s"].Tokens, loaded["tag\"s"].Tokens);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
        var foreign = new MemoryStream("{\"format\":\"other\"}"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => TwoTables.Load(foreign));
        var missing = new MemoryStream("{\"format\":\"recdsl-vocabulary/1\",\"tables\":{\"site\":[]}}"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => TwoTables.Load(missing));
        Assert.Contains("tag\"s", error.Message);
    }

    [Theory]
    [InlineData("{not json", "is not a RecDsl vocabulary file: it is not valid JSON (")]
    [InlineData("[1, 2]", "is not a RecDsl vocabulary file (expected format 'recdsl-vocabulary/1' and its tables).")]
    [InlineData("{\"format\":\"recdsl-vocabulary/1\"}", "is not a RecDsl vocabulary file (expected format")]
    [InlineData("{\"format\":\"recdsl-vocabulary/1\",\"record\":\"Other\",\"tables\":{\"a\":[],\"b\":[]}}",
        "has no table 'site' (it has: a, b); it was written for record 'Other'.")]
    [InlineData("{\"format\":\"recdsl-vocabulary/1\",\"tables\":{\"site\":[\"x\",\"x\"],\"tag\\\"s\":[]}}",
        ", table 'site': Token 'x' appears twice")]
    [InlineData("{\"format\":\"recdsl-vocabulary/1\",\"tables\":{\"site\":[1],\"tag\\\"s\":[]}}", ", table 'site': ")]
    public void A_bad_file_is_an_invalid_data_error_that_names_the_file(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"recdsl-vocab-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, content);
            var error = Assert.Throws<InvalidDataException>(() => TwoTables.Load(path));
            Assert.StartsWith($"Vocabulary file '{path}'", error.Message);
            Assert.Contains(expected, error.Message);
            var fromStream = Assert.Throws<InvalidDataException>(() => TwoTables.Load(new MemoryStream(File.ReadAllBytes(path))));
            Assert.StartsWith("The vocabulary stream", fromStream.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
