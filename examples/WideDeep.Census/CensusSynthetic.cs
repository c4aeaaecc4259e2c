using RecDsl.Examples;

namespace WideDeepCensus;

/// <summary>
/// Census-shaped adults with a planted probability of earning over 50K that Wide &amp; Deep's structure can express
/// exactly: what the wide part memorises plus what the deep part generalises.
/// <code>
/// logit = bias
///       + sum over categorical columns c of w_c[value]                 (wide: one weight per value)
///       + x_EO[education, occupation] + x_SM[sex, marital status]      (wide: memorised combinations)
///       - 1.2 * ((age - 50) / 15)^2 + 0.8 * tanh((hours - 40) / 10)     (deep: smooth numeric effects)
/// P(income > 50K) = sigmoid(logit)
/// </code>
/// The category names are those of the UCI Census-Income data; values are drawn with a Zipf law over each list (the
/// first names are the most frequent), independently of each other.
/// </summary>
public sealed class CensusSynthetic
{
    private static readonly string[] Education = ["HS-grad", "Some-college", "Bachelors", "Masters", "Assoc-voc", "11th", "Assoc-acdm", "10th", "7th-8th", "Prof-school", "9th", "12th", "Doctorate", "5th-6th", "1st-4th", "Preschool"];
    private static readonly string[] Occupation = ["Prof-specialty", "Craft-repair", "Exec-managerial", "Adm-clerical", "Sales", "Other-service", "Machine-op-inspct", "Transport-moving", "Handlers-cleaners", "Farming-fishing", "Tech-support", "Protective-serv", "Priv-house-serv", "Armed-Forces"];
    private static readonly string[] Marital = ["Married-civ-spouse", "Never-married", "Divorced", "Separated", "Widowed", "Married-spouse-absent", "Married-AF-spouse"];
    private static readonly string[] Relationship = ["Husband", "Not-in-family", "Own-child", "Unmarried", "Wife", "Other-relative"];
    private static readonly string[] Workclass = ["Private", "Self-emp-not-inc", "Local-gov", "State-gov", "Self-emp-inc", "Federal-gov", "Without-pay", "Never-worked"];
    private static readonly string[] Sex = ["Male", "Female"];
    private static readonly string[] Race = ["White", "Black", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other"];
    private static readonly string[] Country = ["United-States", "Mexico", "Philippines", "Germany", "Canada", "Puerto-Rico", "El-Salvador", "India", "Cuba", "England", "Jamaica", "South", "China", "Italy", "Dominican-Republic", "Vietnam", "Guatemala", "Japan", "Poland", "Columbia"];

    // Every categorical column with the spread of its planted per-value weights.
    private static readonly (string[] Values, double Std)[] Columns =
        [(Education, 0.4), (Occupation, 0.4), (Marital, 0.4), (Relationship, 0.2), (Workclass, 0.2), (Sex, 0.2), (Race, 0.2), (Country, 0.2)];

    private const double Bias = -0.6; // about a quarter of the adults earn over 50K, as in the real data

    private readonly ZipfSampler[] samplers;
    private readonly double[][] weights;          // [column][value]
    private readonly double[,] educationOccupation;
    private readonly double[,] sexMarital;

    /// <summary>Draws a world (the planted weights) from <paramref name="random"/>.</summary>
    public CensusSynthetic(Random random)
    {
        samplers = Columns.Select(c => new ZipfSampler(c.Values.Length, exponent: 1.0)).ToArray();
        weights = Columns.Select(c => random.Normals(c.Values.Length, c.Std)).ToArray();
        educationOccupation = Cross(random, Education.Length, Occupation.Length, 0.5);
        sexMarital = Cross(random, Sex.Length, Marital.Length, 0.4);
    }

    private static double[,] Cross(Random random, int rows, int columns, double std)
    {
        var cross = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                cross[i, j] = std * random.Normal();
        return cross;
    }

    /// <summary><paramref name="rows"/> adults drawn from a world seeded with <paramref name="seed"/>, split 80/10/10.</summary>
    public static DataSplit<CensusPerson> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var world = new CensusSynthetic(random);
        var drawn = new (CensusPerson, double, bool)[rows];
        for (int i = 0; i < rows; i++) drawn[i] = world.Draw(random);
        return DataSplit<CensusPerson>.Planted(drawn);
    }

    /// <summary>One adult, the true probability of an income over 50K and the drawn label.</summary>
    public (CensusPerson Row, double Truth, bool Label) Draw(Random random)
    {
        var value = samplers.Select(s => s.Next(random)).ToArray();
        float age = (float)Math.Round(Math.Clamp(38 + 13 * random.Normal(), 17, 90));
        float hours = (float)Math.Round(Math.Clamp(40 + 12 * random.Normal(), 1, 99));

        double logit = Bias;
        for (int c = 0; c < Columns.Length; c++) logit += weights[c][value[c]];
        logit += educationOccupation[value[0], value[1]] + sexMarital[value[5], value[2]];
        logit += -1.2 * Math.Pow((age - 50) / 15.0, 2) + 0.8 * Math.Tanh((hours - 40) / 10.0);

        double truth = Planted.Sigmoid(logit);
        bool label = random.Bernoulli(truth);
        var row = new CensusPerson
        {
            Age = age,
            HoursPerWeek = hours,
            Education = Education[value[0]],
            Occupation = Occupation[value[1]],
            MaritalStatus = Marital[value[2]],
            Relationship = Relationship[value[3]],
            Workclass = Workclass[value[4]],
            Sex = Sex[value[5]],
            Race = Race[value[6]],
            NativeCountry = Country[value[7]],
            IncomeOver50K = label,
        };
        return (row, truth, label);
    }
}
