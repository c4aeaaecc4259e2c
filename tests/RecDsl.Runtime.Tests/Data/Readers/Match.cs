using System.Collections.Immutable;
using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>The generator's Match sample (WideDeep, internal): two strings on one vocabulary, a nullable int
    /// id, an ImmutableArray of hashed longs, a dense float with a declared default, a double label.</summary>
    [WideDeep(EmbeddingDim = 4, Hidden = new[] { 16 })]
    internal sealed record Match
    {
        [Sparse(Vocab = 64, Table = "team"), Wide, Deep] public string Home { get; init; } = "";
        [Sparse(Vocab = 64, Table = "team"), Wide, Deep] public string Away { get; init; } = "";
        [Sparse(Vocab = 10, Oov = OovPolicy.Throw), Wide, Deep] public int? Round { get; init; }
        [Sequence(HashBuckets = 256, MaxLen = 3, Pooling = Pooling.Max), Deep] public ImmutableArray<long> Venues { get; init; }
        [Dense(Default = 0), Wide] public float Odds { get; init; }
        [Label] public double HomeWins { get; init; }
    }

    // What the generator emits for Match (internal record -> internal reader).
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.Match"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    internal sealed partial class MatchCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.Match>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public MatchCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.Match> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("Home", "Home");
            int c1 = header.Column("Away", "Away");
            int c2 = header.Column("Round", "Round");
            int c3 = header.Column("Venues", "Venues");
            int c4 = header.Column("Odds", "Odds");
            int c5 = header.Column("HomeWins", "HomeWins");
            return row => new global::RecDsl.Tests.Data.Readers.Match
            {
                Home = row.GetString(c0),
                Away = row.GetString(c1),
                Round = row.GetNullableInteger<int>(c2),
                Venues = global::RecDsl.Data.CsvCollections.ToImmutableArray(row.GetIntegerItems<long>(c3, '|')),
                Odds = row.GetFloat<float>(c4, 0F),
                HomeWins = row.GetFloat<double>(c5),
            };
        }
    }
}
