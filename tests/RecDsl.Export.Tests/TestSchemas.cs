using RecDsl.Schema;

namespace RecDsl.Export.Tests;

/// <summary>Schemas that exercise every export path of each model kind.</summary>
internal static class TestSchemas
{
    private const FeatureRoles Wide = FeatureRoles.Wide, Deep = FeatureRoles.Deep, Fm = FeatureRoles.FmField;

    // Two embedding dimensions (4 and 2), a table shared by a sparse feature, a second sparse feature and a
    // sequence ("Item"), dense values on both sides, and a feature no part reads (still an input).
    public static FeatureSchema WideDeep(Pooling pooling) => new SchemaBuilder()
        .Sparse("User", 7, 4, Wide | Deep)
        .Sparse("Item", 12, 4, Wide | Deep)
        .Sparse("Cate", 5, 2, Deep)
        .Sparse("PrevItem", 12, 4, Deep, table: "Item")
        .Sparse("Unused", 3, 2, FeatureRoles.None)
        .Dense("Age", Wide | Deep)
        .Dense("Price", Deep)
        .Sequence("Tags", 6, 4, 5, Wide | Deep, pooling)
        .Sequence("Clicks", 12, 4, 4, Wide | Deep, pooling, table: "Item")
        .Sequence("Topics", 4, 2, 3, Wide, pooling)
        .Build();

    public static FeatureSchema DeepFm(Pooling pooling) => new SchemaBuilder()
        .Sparse("User", 7, 4, Fm | Deep)
        .Sparse("Item", 12, 4, Fm | Deep)
        .Sparse("Cate", 5, 2, Deep)
        .Sparse("PrevItem", 12, 4, Fm, table: "Item")
        .Dense("Age", Fm | Deep)
        .Dense("Price", Deep)
        .Dense("Score", Fm)
        .Sequence("Tags", 6, 4, 5, Fm | Deep, pooling)
        .Sequence("Clicks", 12, 4, 3, Deep, pooling, table: "Item")
        .Build();

    // Category declared before Item and the histories in the opposite order; ItemHist + CateHist (MaxLen 4) are
    // attended jointly, ShortHist (MaxLen 2) alone; Tags is pooled; Shop is a target that only queries.
    public static FeatureSchema Din(Pooling pooling) => new SchemaBuilder()
        .Sparse("Cate", 5, 2, Deep)
        .Sparse("Item", 10, 4, Deep)
        .Sparse("User", 6, 4, Deep)
        .Sparse("Shop", 8, 2, FeatureRoles.None)
        .Dense("Price", Deep)
        .History("ItemHist", "Item", 4, Deep)
        .History("CateHist", "Cate", 4, Deep)
        .History("ShortHist", "Item", 2, Deep)
        .History("ShopHist", "Shop", 3, Deep)
        .Sequence("Tags", 5, 4, 3, Deep, pooling)
        .Build();

    public static FeatureSchema Esmm(Pooling pooling) => new SchemaBuilder()
        .Sparse("User", 7, 4, Deep)
        .Sparse("Item", 12, 4, Deep)
        .Sparse("Cate", 5, 2, Deep)
        .Dense("Price", Deep)
        .Sequence("Clicks", 12, 4, 4, Deep, pooling, table: "Item")
        .Build(new LabelInfo(ClickLabel: "Click", ConversionLabel: "Conversion"));
}
