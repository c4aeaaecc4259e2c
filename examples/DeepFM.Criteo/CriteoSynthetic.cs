using RecDsl.Examples;

namespace DeepFmCriteo;

/// <summary>
/// Criteo-shaped clicks with a planted click probability that DeepFM's structure can express exactly:
/// <code>
/// logit = bias
///       + sum over categorical columns c of w_c[value]            (first order: per-value weights)
///       + &lt;u[C1], v[C2]&gt; + &lt;u[C3], v[C4]&gt; + ...  (four pairwise interactions, rank 2)
///       + sum over counts k of b_k * (log(1 + I_k) - mean_k)        (linear in the log of the counts)
/// P(click) = sigmoid(logit)
/// </code>
/// C1-C10 carry strong first-order effects, C11-C20 weak ones, C21-C26 none (noise columns, as real logs have). Values
/// are drawn with a Zipf law (a few frequent values, a long tail) and written as 8 hex digits, like Criteo's hashed ids.
/// </summary>
public sealed class CriteoSynthetic
{
    private const int Categorical = 26;
    private const int Numeric = 13;

    // Distinct values per categorical column. Real Criteo columns reach millions of values; here the columns that
    // matter have at most 30, so that a few hundred thousand rows are enough to learn every planted effect in under
    // a minute on a laptop CPU (with hundreds of values per column the model needs millions of rows to get close to
    // the truth). The noise columns C21-C26 keep a long tail, up to 1000 values.
    private static readonly int[] Cardinalities = [4, 6, 5, 8, 6, 10, 8, 12, 10, 12, 15, 20, 25, 30, 10, 12, 15, 20, 25, 30, 2, 3, 10, 50, 200, 1000];

    // The interacting column pairs (0-based) and the rank of each interaction.
    private static readonly (int A, int B)[] Pairs = [(0, 1), (2, 3), (4, 5), (6, 7)];
    private const int Rank = 2;

    private readonly string[][] names;        // [column][value] -> its hex id
    private readonly ZipfSampler[] samplers;  // [column]
    private readonly double[][] firstOrder;   // [column][value]
    private readonly double[][][] left;       // [pair][value of A] -> rank-dim vector
    private readonly double[][][] right;      // [pair][value of B] -> rank-dim vector
    private readonly double[] numericMean = new double[Numeric];
    private readonly double[] numericWeight = new double[Numeric];
    private const double Bias = -2.0;         // about 30% clicks (Criteo: 25%)

    /// <summary>Draws a world (the planted weights) from <paramref name="random"/>.</summary>
    public CriteoSynthetic(Random random)
    {
        names = Cardinalities.Select(n => Enumerable.Range(0, n).Select(_ => random.Next().ToString("x8")).ToArray()).ToArray();
        samplers = Cardinalities.Select(n => new ZipfSampler(n)).ToArray();
        firstOrder = Cardinalities.Select((n, c) => random.Normals(n, c < 10 ? 0.5 : c < 20 ? 0.25 : 0)).ToArray();
        left = Pairs.Select(p => Enumerable.Range(0, Cardinalities[p.A]).Select(_ => random.Normals(Rank, 0.6)).ToArray()).ToArray();
        right = Pairs.Select(p => Enumerable.Range(0, Cardinalities[p.B]).Select(_ => random.Normals(Rank, 0.6)).ToArray()).ToArray();
        for (int k = 0; k < Numeric; k++)
        {
            numericMean[k] = 0.5 + 2.5 * random.NextDouble();
            numericWeight[k] = k < 5 ? (random.Next(2) == 0 ? -1 : 1) * (0.2 + 0.15 * random.NextDouble()) : 0; // I1-I5 matter
        }
    }

    /// <summary><paramref name="rows"/> impressions drawn from a world seeded with <paramref name="seed"/>, split 80/10/10.</summary>
    public static DataSplit<CriteoAd> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var world = new CriteoSynthetic(random);
        var drawn = new (CriteoAd, double, bool)[rows];
        for (int i = 0; i < rows; i++) drawn[i] = world.Draw(random);
        return DataSplit<CriteoAd>.Planted(drawn);
    }

    /// <summary>One impression, its true click probability and its drawn click.</summary>
    public (CriteoAd Row, double Truth, bool Label) Draw(Random random)
    {
        var values = new int[Categorical];
        for (int c = 0; c < Categorical; c++) values[c] = samplers[c].Next(random);
        // Counts with a long tail: their logarithm (what the model reads, CriteoAd.LogI1-13) is roughly normal.
        var counts = new float[Numeric];
        var logs = new double[Numeric];
        for (int k = 0; k < Numeric; k++)
        {
            counts[k] = (float)Math.Floor(Math.Exp(numericMean[k] + random.Normal()));
            logs[k] = Math.Log(1 + counts[k]);
        }

        double logit = Bias;
        for (int c = 0; c < Categorical; c++) logit += firstOrder[c][values[c]];
        for (int p = 0; p < Pairs.Length; p++)
        {
            var u = left[p][values[Pairs[p].A]];
            var v = right[p][values[Pairs[p].B]];
            for (int r = 0; r < Rank; r++) logit += u[r] * v[r];
        }
        for (int k = 0; k < Numeric; k++) logit += numericWeight[k] * (logs[k] - numericMean[k]);

        double truth = Planted.Sigmoid(logit);
        bool clicked = random.Bernoulli(truth);
        string Id(int c) => names[c][values[c]];
        var row = new CriteoAd
        {
            Clicked = clicked,
            I1 = counts[0], I2 = counts[1], I3 = counts[2], I4 = counts[3], I5 = counts[4], I6 = counts[5], I7 = counts[6],
            I8 = counts[7], I9 = counts[8], I10 = counts[9], I11 = counts[10], I12 = counts[11], I13 = counts[12],
            C1 = Id(0), C2 = Id(1), C3 = Id(2), C4 = Id(3), C5 = Id(4), C6 = Id(5), C7 = Id(6), C8 = Id(7), C9 = Id(8),
            C10 = Id(9), C11 = Id(10), C12 = Id(11), C13 = Id(12), C14 = Id(13), C15 = Id(14), C16 = Id(15), C17 = Id(16),
            C18 = Id(17), C19 = Id(18), C20 = Id(19), C21 = Id(20), C22 = Id(21), C23 = Id(22), C24 = Id(23), C25 = Id(24),
            C26 = Id(25),
        };
        return (row, truth, clicked);
    }
}
