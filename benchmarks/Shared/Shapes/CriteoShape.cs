using RecDsl.Batching;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Shapes;

/// <summary>
/// The Criteo (Kaggle display advertising) shape: 26 sparse fields, 13 dense values, a click label.
/// </summary>
/// <remarks>
/// Cardinalities: the per-field distinct-value counts of the Kaggle Criteo training set (as listed by DLRM for
/// <c>--data-set=kaggle</c>), with the five fields above 300,000 hashed into 300,000 buckets (C3, C4, C12, C16,
/// C21), as pipelines that hash or min-count the long tail do: 2,069,296 ids in all (2,069,348 table rows with the
/// reserved padding and OOV rows), about the 2.1M of the GPU reference figures. Ids are drawn log-uniformly
/// (<c>id = floor(card^u) - 1</c>, a Zipf-like head with a long tail, so a batch repeats popular ids as real
/// traffic does); dense values are uniform in [0, 1) (Criteo's counts after log1p and scaling); labels are
/// Bernoulli(0.25), about Criteo's click rate.
/// </remarks>
public static class CriteoShape
{
    /// <summary>Kaggle Criteo C1..C26 distinct counts, capped at <see cref="HashBuckets"/>.</summary>
    public static readonly long[] Cardinalities = new long[]
    {
        1460, 583, 10131227, 2202608, 305, 24, 12517, 633, 3, 93145, 5683, 8351593, 3194,
        27, 14992, 5461306, 10, 5652, 2173, 4, 7046547, 18, 15, 286181, 105, 142572,
    }.Select(c => Math.Min(c, HashBuckets)).ToArray();

    /// <summary>Buckets of the hashed large fields.</summary>
    public const long HashBuckets = 300_000;

    public const int SparseFields = 26;
    public const int DenseFields = 13;
    public const int EmbeddingDim = 16;

    /// <summary>The schema the generator emits for <see cref="Collators.CriteoRow"/> with <c>[DeepFM(EmbeddingDim = 16)]</c>:
    /// C1..C26 <c>[Sparse, FmField, Deep]</c> (each its own table), I1..I13 <c>[Dense, Deep]</c>, label <c>Label</c>.</summary>
    public static FeatureSchema Schema()
    {
        var features = new List<FeatureInfo>();
        for (int i = 0; i < SparseFields; i++)
        {
            features.Add(new FeatureInfo($"C{i + 1}", FeatureKind.Sparse, FeatureRoles.FmField | FeatureRoles.Deep, i,
                $"C{i + 1}", Cardinalities[i], EmbeddingDim));
        }
        for (int i = 0; i < DenseFields; i++)
            features.Add(new FeatureInfo($"I{i + 1}", FeatureKind.Dense, FeatureRoles.Deep, i, "", 0, 0));
        return new FeatureSchema("RecDsl.Benchmarks.Collators.CriteoRow", features, new LabelInfo(Label: "Label"));
    }

    /// <summary>Log-uniform id in [0, cardinality).</summary>
    public static long DrawId(Random random, long cardinality) =>
        Math.Min(cardinality - 1, (long)Math.Floor(Math.Pow(cardinality, random.NextDouble())) - 1);

    /// <summary><paramref name="rows"/> synthetic rows as one resident batch (table rows already mapped).</summary>
    public static FeatureBatch Batch(int rows, int seed)
    {
        var random = new Random(seed);
        var sparse = new long[rows * SparseFields];
        var dense = new float[rows * DenseFields];
        var label = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < SparseFields; f++)
                sparse[r * SparseFields + f] = EmbeddingRows.RowOf(DrawId(random, Cardinalities[f]), Cardinalities[f]);
            for (int d = 0; d < DenseFields; d++) dense[r * DenseFields + d] = (float)random.NextDouble();
            label[r] = random.NextDouble() < 0.25 ? 1f : 0f;
        }
        return new FeatureBatch(rows, tensor(sparse, [rows, SparseFields]), tensor(dense, [rows, DenseFields]), [],
            label: tensor(label));
    }
}
