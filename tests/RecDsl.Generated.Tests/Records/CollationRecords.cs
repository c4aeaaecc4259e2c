using RecDsl;

// Records for collation paths the declaration matrix (SampleRecords.cs) does not reach (Collation/CollatorTests).

namespace Shop.Strict
{
    /// <summary>Strings through a fitted vocabulary with OovPolicy.Throw, as an id and as sequence items: the one
    /// mapping whose Throw message says "not in the fitted vocabulary".</summary>
    [WideDeep(EmbeddingDim = 4, Hidden = new[] { 8 })]
    public sealed record TaggedAd
    {
        [Sparse(Vocab = 10, Oov = OovPolicy.Throw), Wide, Deep] public string Category { get; init; } = "";
        [Sequence(Vocab = 10, Oov = OovPolicy.Throw), Deep] public string[] Tags { get; init; } = [];
        [Label] public bool Clicked { get; init; }
    }
}

namespace Shop.Computed
{
    /// <summary>A computed feature whose code throws for some records (integer division by zero).</summary>
    [WideDeep(EmbeddingDim = 4, Hidden = new[] { 8 })]
    public sealed record Rate
    {
        public int Clicks { get; init; }
        public int Views { get; init; }
        [Sparse(Vocab = 10), Wide, Deep] public int ClicksPerView => Clicks / Views;
        [Label] public bool Converted { get; init; }
    }
}
