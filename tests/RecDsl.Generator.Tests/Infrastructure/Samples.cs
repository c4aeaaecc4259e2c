using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;
using static RecDsl.Generator.Tests.Infrastructure.Declare;

namespace RecDsl.Generator.Tests.Infrastructure;

/// <summary>A declaration matrix: each sample is the C# a user writes and the declaration model it reads as
/// (written by hand here, checked against the reader by the driver tests).</summary>
internal sealed record Sample(string Name, string Source, RecordDeclaration Declaration)
{
    public override string ToString() => Name;
}

internal static class Samples
{
    /// <summary>DeepFM + WideDeep on a record class: ints, hashed and vocabulary strings, a dense float, a bool label, a group;
    /// the hashed string comes from a CSV column of another name.</summary>
    public static readonly Sample AdClick = new("AdClick", """
        using RecDsl;
        namespace Shop
        {
            [DeepFM(EmbeddingDim = 8, Hidden = new[] { 64, 32 }), WideDeep]
            public sealed record AdClick
            {
                [Sparse(Vocab = 1000), FmField, Deep, Wide, Group] public int UserId { get; init; }
                [Sparse(Vocab = 500), FmField, Deep, Wide] public int AdId { get; init; }
                [Sparse(HashBuckets = 1024), FmField, Deep, Column("site_id")] public string? Site { get; init; }
                [Sparse(Vocab = 100), FmField, Deep] public string Category { get; init; } = "";
                [Dense, Deep, Wide] public float Price { get; init; }
                [Label] public bool Clicked { get; init; }
            }
        }
        """,
        Record("Shop", "AdClick",
            new[] { ModelOf(ModelKind.DeepFM, 8, new[] { 64, 32 }), ModelOf(ModelKind.WideDeep) },
            new[]
            {
                Sparse("UserId", IntType, vocab: 1000, fm: true, wide: true, group: true),
                Sparse("AdId", IntType, vocab: 500, fm: true, wide: true),
                Sparse("Site", NullableStringType, hashBuckets: 1024, fm: true) with { ColumnName = "site_id" },
                Sparse("Category", StringType, vocab: 100, fm: true),
                Dense("Price", FloatType, wide: true),
                Label("Clicked", BoolType),
            }));

    /// <summary>DIN on a record struct in the global namespace: targeted histories (array, List), an untargeted
    /// string multi-hot (IReadOnlyList) through a vocabulary, a nullable dense with a default, a float label; one history
    /// comes from a ';'-separated CSV column of another name.</summary>
    public static readonly Sample ItemView = new("ItemView", """
        using System.Collections.Generic;
        using RecDsl;

        [Din(EmbeddingDim = 8, Hidden = new[] { 32 }, AttentionHidden = new[] { 16 })]
        public record struct ItemView
        {
            [Sparse(Vocab = 1000), Deep] public long ItemId { get; init; }
            [Sparse(Vocab = 50, EmbeddingDim = 4), Deep] public int CategoryId { get; init; }
            [Sequence(Target = nameof(ItemId), MaxLen = 20), Deep] public int[] History { get; init; }
            [Sequence(Target = nameof(CategoryId), MaxLen = 20), Deep, Column("cate_history", Separator = ';')] public List<int> CategoryHistory { get; init; }
            [Sequence(Vocab = 100, MaxLen = 5, Pooling = Pooling.Sum), Deep] public IReadOnlyList<string> Tags { get; init; }
            [Dense(Default = 30), Deep] public double? Age { get; init; }
            [Label] public float Clicked { get; init; }
        }
        """,
        Record("", "ItemView",
            new[] { ModelOf(ModelKind.Din, 8, new[] { 32 }) with { AttentionHidden = new[] { 16 }.ToEquatableArray() } },
            new[]
            {
                Sparse("ItemId", LongType, vocab: 1000),
                Sparse("CategoryId", IntType, vocab: 50, embeddingDim: 4),
                Sequence("History", Collection("int[]", CollectionKind.Array, "int", TypeShape.Integer), target: "ItemId", maxLen: 20),
                Sequence("CategoryHistory", Collection("global::System.Collections.Generic.List<int>", CollectionKind.List, "int", TypeShape.Integer), target: "CategoryId", maxLen: 20) with { ColumnName = "cate_history", ColumnSeparator = ';' },
                Sequence("Tags", Collection("global::System.Collections.Generic.IReadOnlyList<string>", CollectionKind.IReadOnlyList, "string", TypeShape.String), vocab: 100, maxLen: 5, pooling: 0),
                Dense("Age", Type("double?", TypeShape.Floating, nullable: true), denseDefault: 30),
                Label("Clicked", FloatType),
            },
            kind: TypeDeclarationKind.RecordStruct));

    /// <summary>ESMM on a positional record nested in a class: attributes on parameters with and without
    /// <c>property:</c>, an enum and a bool as ids, a hashed IEnumerable of strings, click and conversion labels.</summary>
    public static readonly Sample Impression = new("Impression", """
        using System.Collections.Generic;
        using RecDsl;
        namespace Shop.Funnel
        {
            public enum DeviceKind { Desktop, Mobile, Tablet }

            public static class Tracking
            {
                [Esmm(EmbeddingDim = 8, CtrHidden = new[] { 32 }, CvrHidden = new[] { 32 })]
                public sealed record Impression(
                    [Sparse(Vocab = 1000), Deep] int UserId,
                    [property: Sparse, Deep] DeviceKind Device,
                    [Sparse, Deep] bool IsMobile,
                    [property: Sequence(HashBuckets = 4096, MaxLen = 8), Deep] IEnumerable<string> Queries,
                    [Dense, Deep] double Price,
                    [ClickLabel] bool Clicked,
                    [ConversionLabel] bool Converted);
            }
        }
        """,
        Record("Shop.Funnel", "Impression",
            new[] { ModelOf(ModelKind.Esmm, 8, new[] { 32 }) },
            new[]
            {
                Sparse("UserId", IntType, vocab: 1000),
                Sparse("Device", Type("global::Shop.Funnel.DeviceKind", TypeShape.Enum, enumValues: 3)),
                Sparse("IsMobile", BoolType),
                Sequence("Queries", Collection("global::System.Collections.Generic.IEnumerable<string>", CollectionKind.IEnumerable, "string", TypeShape.String), hashBuckets: 4096, maxLen: 8),
                Dense("Price", DoubleType),
                Member("Clicked", BoolType, click: true),
                Member("Converted", BoolType, conversion: true),
            },
            containing: new[] { "Tracking" }, positional: true));

    /// <summary>WideDeep with shared tables (two string members on one vocabulary, "team"), OOV = Throw, an
    /// ImmutableArray of hashed longs, a nullable int id, a double label, an internal record class.</summary>
    public static readonly Sample Match = new("Match", """
        using System.Collections.Immutable;
        using RecDsl;
        namespace Sports
        {
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
        }
        """,
        Record("Sports", "Match",
            new[] { ModelOf(ModelKind.WideDeep, 4, new[] { 16 }) },
            new[]
            {
                Sparse("Home", StringType, vocab: 64, table: "team", wide: true),
                Sparse("Away", StringType, vocab: 64, table: "team", wide: true),
                Sparse("Round", Type("int?", TypeShape.Integer, nullable: true), vocab: 10, oov: 1, wide: true),
                Sequence("Venues", Collection("global::System.Collections.Immutable.ImmutableArray<long>", CollectionKind.ImmutableArray, "long", TypeShape.Integer), hashBuckets: 256, maxLen: 3, pooling: 2),
                Dense("Odds", FloatType, denseDefault: 0, wide: true, deep: false),
                Label("HomeWins", DoubleType),
            },
            isPublic: false));

    public static readonly Sample[] All = { AdClick, ItemView, Impression, Match };

    public static Sample ByName(string name) => All.Single(s => s.Name == name);
}
