using RecDsl.Benchmarks.Shapes;

namespace RecDsl.Benchmarks.Collators;

/// <summary>
/// An Amazon (Electronics) DIN row as a user declares it, with the cardinalities of <see cref="AmazonShape"/>:
/// user, candidate item and its category, and the item/category histories (up to 50, attended with the candidate
/// as the query). The generator emits <c>AmazonRowCollator</c> for it; the collator benchmarks compare it with
/// <see cref="ReflectionCollator{T}"/>.
/// </summary>
[Din(EmbeddingDim = AmazonShape.EmbeddingDim, Hidden = new[] { 200, 80 }, AttentionHidden = new[] { 80, 40 })]
public sealed record AmazonRow
{
    [Sparse(Vocab = (int)AmazonShape.Users), Deep, Group] public int UserId { get; init; }
    [Sparse(Vocab = (int)AmazonShape.Items), Deep] public int ItemId { get; init; }
    [Sparse(Vocab = (int)AmazonShape.Categories), Deep] public int CategoryId { get; init; }
    [Sequence(Target = nameof(ItemId), MaxLen = AmazonShape.MaxLen), Deep] public int[] HistoryItems { get; init; } = [];
    [Sequence(Target = nameof(CategoryId), MaxLen = AmazonShape.MaxLen), Deep] public int[] HistoryCategories { get; init; } = [];
    [Label] public bool Label { get; init; }

    /// <summary><paramref name="count"/> random rows: history lengths uniform in [1, 50], as <see cref="AmazonShape.Batch"/>.</summary>
    public static AmazonRow[] Random(int count, int seed)
    {
        var random = new System.Random(seed);
        var rows = new AmazonRow[count];
        for (int r = 0; r < count; r++)
        {
            int item = (int)CriteoShape.DrawId(random, AmazonShape.Items);
            int length = random.Next(1, AmazonShape.MaxLen + 1);
            var items = new int[length];
            var categories = new int[length];
            for (int l = 0; l < length; l++)
            {
                items[l] = (int)CriteoShape.DrawId(random, AmazonShape.Items);
                categories[l] = (int)AmazonShape.CategoryOf(items[l]);
            }
            rows[r] = new AmazonRow
            {
                UserId = (int)CriteoShape.DrawId(random, AmazonShape.Users),
                ItemId = item,
                CategoryId = (int)AmazonShape.CategoryOf(item),
                HistoryItems = items,
                HistoryCategories = categories,
                Label = random.Next(2) == 1,
            };
        }
        return rows;
    }
}
