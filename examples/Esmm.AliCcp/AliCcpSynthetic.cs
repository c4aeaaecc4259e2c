using RecDsl.Examples;

namespace EsmmAliCcp;

/// <summary>
/// Ali-CCP-shaped impressions with planted click and purchase probabilities that share a cause (item quality):
/// <code>
/// logit pCTR = -1.8 + 0.6 q[item] + a[item] + c[category] + s[segment] + u[user]
/// logit pCVR = b + 1.0 q[item] + c'[category] + s'[segment] - 0.8 (log price - mean)
/// clicked ~ Bernoulli(pCTR); purchased = clicked and Bernoulli(pCVR)
/// </code>
/// With the default b = -2, about 18% of impressions are clicked and about 14% of clicks convert: purchases are rare
/// (2-3% of impressions), as in the real data (where they are rarer still). Item quality <c>q</c> raises both; it is learnt from many clicks and few
/// purchases, which is where ESMM's shared embeddings help the conversion model.
/// </summary>
public sealed class AliCcpSynthetic
{
    private const int Users = 1000, Segments = 8, Items = 1000, Categories = 50;

    private readonly int[] categoryOf = new int[Items];
    private readonly double[] quality, appeal, ctrCategory, cvrCategory, ctrSegment, cvrSegment, ctrUser;
    private readonly double[] itemLogPrice = new double[Items];
    private readonly ZipfSampler itemSampler = new(Items, exponent: 0.9);

    /// <summary>The default intercept of the purchase logit (about 14% of clicks convert).</summary>
    public const double DefaultPurchaseBias = -2.0;

    private readonly double purchaseBias;

    /// <summary>Draws a world (the planted effects) from <paramref name="random"/>.</summary>
    public AliCcpSynthetic(Random random, double purchaseBias = DefaultPurchaseBias)
    {
        this.purchaseBias = purchaseBias;
        for (int i = 0; i < Items; i++)
        {
            categoryOf[i] = random.Next(Categories);
            itemLogPrice[i] = random.Normal();
        }
        quality = random.Normals(Items, 1.0);
        appeal = random.Normals(Items, 0.4);
        ctrCategory = random.Normals(Categories, 0.4);
        cvrCategory = random.Normals(Categories, 0.4);
        ctrSegment = random.Normals(Segments, 0.3);
        cvrSegment = random.Normals(Segments, 0.3);
        ctrUser = random.Normals(Users, 0.3);
    }

    /// <summary><paramref name="rows"/> impressions drawn from a world seeded with <paramref name="seed"/>, split 80/10/10.</summary>
    /// <param name="rows">Impressions to draw.</param>
    /// <param name="seed">Seed of the world and the draws.</param>
    /// <param name="purchaseBias">The intercept of the purchase logit: lower makes purchases rarer.</param>
    public static AliCcpSplit Generate(int rows, int seed, double purchaseBias = DefaultPurchaseBias)
    {
        var random = new Random(seed);
        var world = new AliCcpSynthetic(random, purchaseBias);
        var drawn = Enumerable.Range(0, rows).Select(_ => world.Draw(random)).ToArray();
        int train = rows * 8 / 10, validation = rows / 10;
        var test = drawn[(train + validation)..];
        return new AliCcpSplit(
            drawn[..train].Select(d => d.Row).ToArray(),
            drawn[train..(train + validation)].Select(d => d.Row).ToArray(),
            test.Select(d => d.Row).ToArray(),
            test.Select(d => (float)d.Ctr).ToArray(),
            test.Select(d => (float)d.Cvr).ToArray());
    }

    /// <summary>One impression with its true click and purchase-after-click probabilities.</summary>
    public (Impression Row, double Ctr, double Cvr) Draw(Random random)
    {
        int user = random.Next(Users);
        int segment = user % Segments; // a user's segment never changes
        int item = itemSampler.Next(random);
        int category = categoryOf[item];
        double logPrice = itemLogPrice[item];

        double ctr = Planted.Sigmoid(-1.8 + 0.6 * quality[item] + appeal[item] + ctrCategory[category] + ctrSegment[segment] + ctrUser[user]);
        double cvr = Planted.Sigmoid(purchaseBias + 1.0 * quality[item] + cvrCategory[category] + cvrSegment[segment] - 0.8 * logPrice);
        bool clicked = random.Bernoulli(ctr);
        bool purchased = clicked && random.Bernoulli(cvr); // a purchase is only ever observed after a click
        var row = new Impression
        {
            UserId = user, UserSegment = segment, ItemId = item, CategoryId = category, LogPrice = (float)logPrice,
            Clicked = clicked, Purchased = purchased,
        };
        return (row, ctr, cvr);
    }
}
