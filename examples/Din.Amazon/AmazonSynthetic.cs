using RecDsl.Examples;

namespace DinAmazon;

/// <summary>
/// Amazon-Electronics-shaped product views with a planted click probability that depends on how similar the candidate
/// is to the user's history: the number of past events in the candidate's category.
/// <code>
/// s     = number of history events whose category is the candidate's category
/// logit = -2 + 0.9 * min(s, 4) + popularity[candidate item]       (popularity ~ N(0, 0.2^2))
/// P(click) = sigmoid(logit)
/// </code>
/// Each user has one to three favourite categories; 70% of the history (3 to 30 events) comes from them, the rest from
/// anywhere; half of the candidates come from a favourite category. The count s matters, not the share s / length, so
/// a model that averages the history (DeepFM with mean pooling) loses information that DIN's attention keeps.
/// </summary>
public sealed class AmazonSynthetic
{
    private const int Items = 500;
    private const int Categories = 60;
    private const int Users = 5000;

    private readonly int[] categoryOf = new int[Items];
    private readonly List<int>[] itemsOf = new List<int>[Categories];
    private readonly double[] popularity;
    private readonly int[][] favourites = new int[Users][];

    /// <summary>Draws a world (catalogue, users' tastes, item popularity) from <paramref name="random"/>.</summary>
    public AmazonSynthetic(Random random)
    {
        for (int c = 0; c < Categories; c++) itemsOf[c] = [];
        for (int i = 0; i < Items; i++)
        {
            categoryOf[i] = i < Categories ? i : random.Next(Categories); // every category has an item
            itemsOf[categoryOf[i]].Add(i);
        }
        popularity = random.Normals(Items, 0.2);
        var categoryTaste = new ZipfSampler(Categories, exponent: 0.8); // some categories are everyone's favourite
        for (int u = 0; u < Users; u++)
            favourites[u] = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => categoryTaste.Next(random)).Distinct().ToArray();
    }

    /// <summary><paramref name="rows"/> views drawn from a world seeded with <paramref name="seed"/>, split 80/10/10.</summary>
    public static DataSplit<ProductView> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var world = new AmazonSynthetic(random);
        var drawn = new (ProductView, double, bool)[rows];
        for (int i = 0; i < rows; i++) drawn[i] = world.Draw(random);
        return DataSplit<ProductView>.Planted(drawn);
    }

    /// <summary>One view, its true click probability and its drawn click.</summary>
    public (ProductView Row, double Truth, bool Label) Draw(Random random)
    {
        int user = random.Next(Users);
        var liked = favourites[user];
        int Category(double fromFavourites) => random.NextDouble() < fromFavourites ? liked[random.Next(liked.Length)] : random.Next(Categories);
        int ItemIn(int category) => itemsOf[category][random.Next(itemsOf[category].Count)];

        var history = new int[3 + random.Next(28)];
        for (int e = 0; e < history.Length; e++) history[e] = ItemIn(Category(0.7));
        int candidate = ItemIn(Category(0.5));

        int sameCategory = history.Count(item => categoryOf[item] == categoryOf[candidate]);
        double truth = Planted.Sigmoid(-2 + 0.9 * Math.Min(sameCategory, 4) + popularity[candidate]);
        bool clicked = random.Bernoulli(truth);
        var row = new ProductView
        {
            UserId = user,
            ItemId = candidate,
            CategoryId = categoryOf[candidate],
            ItemHistory = history,
            CategoryHistory = history.Select(item => categoryOf[item]).ToArray(),
            Clicked = clicked,
        };
        return (row, truth, clicked);
    }
}
