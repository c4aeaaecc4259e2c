namespace RecDsl.GeneratorCost;

/// <summary>The annotated records of the measurement: a mix of the four models as users declare them (features of
/// every kind, shared tables, vocabularies on strings, histories), each in its own file.</summary>
internal static class UserRecords
{
    public static string[] Create(int count) => Enumerable.Range(0, count).Select(i => (i % 4) switch
    {
        0 => $$"""
            using RecDsl;
            namespace Shop.N{{i % 10}};
            [DeepFM(EmbeddingDim = 16, Hidden = new[] { 400, 400, 400 }), WideDeep]
            public sealed record AdClick{{i}}
            {
                [Sparse(Vocab = 100_000), FmField, Deep, Wide, Group] public int UserId { get; init; }
                [Sparse(HashBuckets = 1 << 18), FmField, Deep] public string? Site { get; init; }
                [Sparse(Vocab = 100), FmField, Deep, Wide] public string Category { get; init; } = "";
                [Sequence(Target = nameof(UserId), MaxLen = 20), Deep] public int[] Friends { get; init; } = [];
                [Dense, FmField, Deep, Wide] public float Price { get; init; }
                [Dense(Default = 0), Deep] public double? Age { get; init; }
                [Label] public bool Clicked { get; init; }
            }
            """,
        1 => $$"""
            using RecDsl;
            namespace Shop.N{{i % 10}};
            [Din(EmbeddingDim = 16)]
            public sealed record ProductView{{i}}(
                [Sparse(Vocab = 200_000), Deep, Group] int UserId,
                [Sparse(Vocab = 60_000), Deep] int ItemId,
                [Sparse(Vocab = 800), Deep] int CategoryId,
                [Sequence(Target = nameof(ItemId), MaxLen = 50), Deep] long[] ItemHistory,
                [Sequence(Target = nameof(CategoryId), MaxLen = 50), Deep] long[] CategoryHistory,
                [Label] float Clicked);
            """,
        2 => $$"""
            using RecDsl;
            namespace Shop.N{{i % 10}};
            public enum Segment{{i}} { New, Regular, Vip }
            [Esmm(EmbeddingDim = 8)]
            public sealed record Impression{{i}}
            {
                [Sparse(Vocab = 1000), Deep] public int UserId { get; init; }
                [Sparse, Deep] public Segment{{i}} Segment { get; init; }
                [Sparse(Vocab = 1000), Deep] public int ItemId { get; init; }
                [Dense, Deep] public float LogPrice { get; init; }
                [ClickLabel] public bool Clicked { get; init; }
                [ConversionLabel] public bool Purchased { get; init; }
            }
            """,
        _ => $$"""
            using RecDsl;
            namespace Shop.N{{i % 10}};
            [WideDeep(Hidden = new[] { 256, 128 })]
            public sealed record Census{{i}}
            {
                [Sparse(Vocab = 20), Wide, Deep] public string Education { get; init; } = "";
                [Sparse(Vocab = 10), Wide, Deep] public string Occupation { get; init; } = "";
                [Sparse(HashBuckets = 1000), Wide] public string EducationXOccupation => Education + "|" + Occupation;
                [Dense, Deep] public float Age { get; init; }
                [Dense, Deep] public float Hours { get; init; }
                [Label, Column("income")] public bool Over50K { get; init; }
            }
            """,
    }).ToArray();
}
