namespace RecDsl.Examples;

/// <summary>
/// Small helpers for synthetic data with a planted click probability: the generators draw features, compute the true
/// probability from them with a formula they choose, then draw the label from that probability. Knowing the true
/// probability of every test row gives the best AUC any model can reach on that test set (the Bayes AUC).
/// </summary>
public static class Planted
{
    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A standard normal draw (Box-Muller), from <paramref name="random"/> only, so a seed fixes it.</summary>
    public static double Normal(this Random random)
    {
        double u1 = 1 - random.NextDouble(); // in (0, 1]: log(u1) is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A 0/1 draw that is 1 with probability <paramref name="p"/>.</summary>
    public static bool Bernoulli(this Random random, double p) => random.NextDouble() < p;

    /// <summary><paramref name="count"/> normal draws with standard deviation <paramref name="std"/>.</summary>
    public static double[] Normals(this Random random, int count, double std)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = std * random.Normal();
        return values;
    }
}

/// <summary>Draws ids 0..n-1 with probability proportional to 1 / (id + 1)^exponent: a few frequent ids and a long
/// tail of rare ones, like the categorical columns of click logs.</summary>
public sealed class ZipfSampler
{
    private readonly double[] cumulative;

    /// <summary>Creates a sampler over <paramref name="n"/> ids.</summary>
    public ZipfSampler(int n, double exponent = 1.1)
    {
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) cumulative[i] = sum += Math.Pow(i + 1, -exponent);
        for (int i = 0; i < n; i++) cumulative[i] /= sum;
    }

    /// <summary>Number of ids.</summary>
    public int Count => cumulative.Length;

    /// <summary>One id.</summary>
    public int Next(Random random)
    {
        int index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
