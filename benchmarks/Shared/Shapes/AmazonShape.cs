using RecDsl.Batching;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Shapes;

/// <summary>
/// The DIN paper's Amazon (Electronics) shape: 192,403 users, 63,001 items, 801 categories, behaviour histories of
/// up to 50 items with their categories, the candidate item and its category as the attention query.
/// </summary>
/// <remarks>
/// Synthetic rows: user and candidate ids log-uniform (as <see cref="CriteoShape.DrawId"/>), history length uniform
/// in [1, 50] (padded to 50; attention runs over all 50 positions, masked), history items log-uniform, each item's
/// category a fixed function of the item (items belong to one category, as in the data set), labels Bernoulli(0.5)
/// (the paper's data has one positive and one negative per history).
/// </remarks>
public static class AmazonShape
{
    public const long Users = 192_403;
    public const long Items = 63_001;
    public const long Categories = 801;
    public const int MaxLen = 50;
    public const int EmbeddingDim = 16;

    /// <summary>The schema the generator emits for a record with <c>[Din(EmbeddingDim = 16)]</c>: UserId, ItemId,
    /// CategoryId <c>[Sparse, Deep]</c>; HistoryItems <c>[Sequence(Target = nameof(ItemId), MaxLen = 50), Deep]</c>;
    /// HistoryCategories <c>[Sequence(Target = nameof(CategoryId), MaxLen = 50), Deep]</c>; <c>[Label]</c>.</summary>
    public static FeatureSchema Schema() => new("RecDsl.Benchmarks.AmazonRow",
    [
        new FeatureInfo("UserId", FeatureKind.Sparse, FeatureRoles.Deep, 0, "UserId", Users, EmbeddingDim),
        new FeatureInfo("ItemId", FeatureKind.Sparse, FeatureRoles.Deep, 1, "ItemId", Items, EmbeddingDim),
        new FeatureInfo("CategoryId", FeatureKind.Sparse, FeatureRoles.Deep, 2, "CategoryId", Categories, EmbeddingDim),
        new FeatureInfo("HistoryItems", FeatureKind.Sequence, FeatureRoles.Deep, 0, "ItemId", Items, EmbeddingDim, MaxLen, Target: "ItemId"),
        new FeatureInfo("HistoryCategories", FeatureKind.Sequence, FeatureRoles.Deep, 1, "CategoryId", Categories, EmbeddingDim, MaxLen, Target: "CategoryId"),
    ], new LabelInfo(Label: "Label", Group: "UserId"));

    /// <summary>The category of an item: a fixed function, so each item belongs to one category.</summary>
    public static long CategoryOf(long item) => item * 7919 % Categories;

    /// <summary><paramref name="rows"/> synthetic rows as one resident batch (table rows already mapped).</summary>
    public static FeatureBatch Batch(int rows, int seed)
    {
        var random = new Random(seed);
        var sparse = new long[rows * 3];
        var historyItems = new long[rows * MaxLen];
        var historyCategories = new long[rows * MaxLen];
        var label = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            long item = CriteoShape.DrawId(random, Items);
            sparse[r * 3] = EmbeddingRows.RowOf(CriteoShape.DrawId(random, Users), Users);
            sparse[r * 3 + 1] = EmbeddingRows.RowOf(item, Items);
            sparse[r * 3 + 2] = EmbeddingRows.RowOf(CategoryOf(item), Categories);
            int length = random.Next(1, MaxLen + 1);
            for (int l = 0; l < length; l++)
            {
                long h = CriteoShape.DrawId(random, Items);
                historyItems[r * MaxLen + l] = EmbeddingRows.RowOf(h, Items);
                historyCategories[r * MaxLen + l] = EmbeddingRows.RowOf(CategoryOf(h), Categories);
            }
            label[r] = random.Next(2);
        }
        return new FeatureBatch(rows, tensor(sparse, [rows, 3]), zeros(rows, 0),
            [tensor(historyItems, [rows, MaxLen]), tensor(historyCategories, [rows, MaxLen])], label: tensor(label));
    }
}
