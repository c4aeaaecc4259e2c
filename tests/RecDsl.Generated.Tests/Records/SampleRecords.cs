using System.Collections.Immutable;
using RecDsl;

// The declaration matrix of the generator tests, compiled by the real generator.

namespace Shop
{
    [DeepFM(EmbeddingDim = 8, Hidden = new[] { 32, 16 }), WideDeep(EmbeddingDim = 8, Hidden = new[] { 32 })]
    public sealed record AdClick
    {
        [Sparse(Vocab = 1000), FmField, Deep, Wide, Group] public int UserId { get; init; }
        [Sparse(Vocab = 500), FmField, Deep, Wide] public int AdId { get; init; }
        [Sparse(HashBuckets = 1024), FmField, Deep] public string? Site { get; init; }
        [Sparse(Vocab = 100), FmField, Deep] public string Category { get; init; } = "";
        [Dense, Deep, Wide] public float Price { get; init; }
        [Label] public bool Clicked { get; init; }
    }
}

[Din(EmbeddingDim = 8, Hidden = new[] { 32 }, AttentionHidden = new[] { 16 })]
public record struct ItemView
{
    [Sparse(Vocab = 1000), Deep] public long ItemId { get; init; }
    [Sparse(Vocab = 50, EmbeddingDim = 8), Deep] public int CategoryId { get; init; }
    [Sequence(Target = nameof(ItemId), MaxLen = 20), Deep] public int[] History { get; init; }
    [Sequence(Target = nameof(CategoryId), MaxLen = 20), Deep] public List<int> CategoryHistory { get; init; }
    [Sequence(Vocab = 100, MaxLen = 5, Pooling = Pooling.Sum), Deep] public IReadOnlyList<string> Tags { get; init; }
    [Dense(Default = 30), Deep] public double? Age { get; init; }
    [Label] public float Clicked { get; init; }
}

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

namespace Edge
{
    /// <summary>The collator's rarer paths: a nullable id (null -> OOV, counted) that is also a nullable group, nullable
    /// and decimal dense values, an OOV-throwing sequence.</summary>
    [WideDeep(EmbeddingDim = 4, Hidden = new[] { 8 })]
    public sealed record Visit
    {
        [Sparse(Vocab = 5), Wide, Deep, Group] public long? Store { get; init; }
        [Dense, Deep] public int? Visits { get; init; }
        [Dense(Default = -1), Deep] public long? Minutes { get; init; }
        [Dense, Deep] public double? Spend { get; init; }
        [Dense, Deep] public decimal Amount { get; init; }
        [Sequence(Vocab = 10, MaxLen = 4, Oov = OovPolicy.Throw), Deep] public int[] Pages { get; init; } = [];
        [Label] public bool Bought { get; init; }
    }
}
