using RecDsl;

namespace RecDsl.GpuCheck.Records;

/// <summary>An ad impression: the DeepFM and Wide&amp;Deep record of the check (a user's declaration; the generator
/// emits the collator and both models).</summary>
[DeepFM(EmbeddingDim = 16, Hidden = new[] { 128, 64 }), WideDeep(EmbeddingDim = 16, Hidden = new[] { 128, 64 })]
public sealed record AdImpression
{
    /// <summary>User id in [0, 2000).</summary>
    [Sparse(Vocab = 2_000), FmField, Deep, Wide] public int UserId { get; init; }

    /// <summary>Ad id in [0, 500).</summary>
    [Sparse(Vocab = 500), FmField, Deep, Wide] public int AdId { get; init; }

    /// <summary>Ad category in [0, 20).</summary>
    [Sparse(Vocab = 20), FmField, Deep, Wide] public int Category { get; init; }

    /// <summary>Publisher site, hashed.</summary>
    [Sparse(HashBuckets = 256), FmField, Deep] public string Site { get; init; } = "";

    /// <summary>Bid price in [0, 1).</summary>
    [Dense, Deep, Wide] public float Price { get; init; }

    /// <summary>Clicked or not.</summary>
    [Label] public bool Clicked { get; init; }
}

/// <summary>An item view with the user's recent history: the DIN record of the check.</summary>
[Din(EmbeddingDim = 16, Hidden = new[] { 64, 32 }, AttentionHidden = new[] { 32, 16 })]
public sealed record ItemView
{
    /// <summary>The candidate item in [0, 1000).</summary>
    [Sparse(Vocab = 1_000), Deep] public long ItemId { get; init; }

    /// <summary>The candidate's category in [0, 50).</summary>
    [Sparse(Vocab = 50), Deep] public int CategoryId { get; init; }

    /// <summary>Items viewed before, oldest first, attended with <see cref="ItemId"/> as the query.</summary>
    [Sequence(Target = nameof(ItemId), MaxLen = 20), Deep] public int[] History { get; init; } = [];

    /// <summary>Their categories, attended with <see cref="CategoryId"/>.</summary>
    [Sequence(Target = nameof(CategoryId), MaxLen = 20), Deep] public int[] CategoryHistory { get; init; } = [];

    /// <summary>User age, scaled to [0, 1).</summary>
    [Dense, Deep] public float Age { get; init; }

    /// <summary>Clicked or not.</summary>
    [Label] public bool Clicked { get; init; }
}

/// <summary>The platform of a visit.</summary>
public enum PlatformKind
{
    /// <summary>Browser.</summary>
    Web,
    /// <summary>iOS app.</summary>
    Ios,
    /// <summary>Android app.</summary>
    Android,
}

/// <summary>A product-page visit with click and conversion: the ESMM record of the check.</summary>
[Esmm(EmbeddingDim = 16, CtrHidden = new[] { 64, 32 }, CvrHidden = new[] { 64, 32 })]
public sealed record Visit
{
    /// <summary>User id in [0, 1000).</summary>
    [Sparse(Vocab = 1_000), Deep] public int UserId { get; init; }

    /// <summary>Item id in [0, 500).</summary>
    [Sparse(Vocab = 500), Deep] public int ItemId { get; init; }

    /// <summary>Platform.</summary>
    [Sparse, Deep] public PlatformKind Platform { get; init; }

    /// <summary>Price in [0, 1).</summary>
    [Dense, Deep] public float Price { get; init; }

    /// <summary>Clicked.</summary>
    [ClickLabel] public bool Clicked { get; init; }

    /// <summary>Bought after clicking.</summary>
    [ConversionLabel] public bool Converted { get; init; }
}
