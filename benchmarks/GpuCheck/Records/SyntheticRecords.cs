namespace RecDsl.GpuCheck.Records;

/// <summary>
/// Deterministic records whose labels follow a planted rule each model's structure can express, so that a falling
/// loss and an AUC above 0.5 show that training works on the device, not just that it runs.
/// </summary>
internal static class SyntheticRecords
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Click logit = per-ad effect + a user-category interaction + price.</summary>
    public static AdImpression[] AdImpressions(int count, int seed)
    {
        var r = new Random(seed);
        var rows = new AdImpression[count];
        for (int i = 0; i < count; i++)
        {
            int user = r.Next(2_000), ad = r.Next(500), category = ad % 20;
            float price = (float)r.NextDouble();
            double logit = (ad % 3 == 0 ? 1.5 : -1.0) + (user % 5 == category % 5 ? 1.5 : -0.5) + (price - 0.5);
            rows[i] = new AdImpression
            {
                UserId = user, AdId = ad, Category = category, Site = "site" + ad % 37, Price = price,
                Clicked = r.NextDouble() < Sigmoid(logit),
            };
        }
        return rows;
    }

    /// <summary>Clicked exactly when the candidate was viewed before: what DIN's attention finds.</summary>
    public static ItemView[] ItemViews(int count, int seed)
    {
        var r = new Random(seed);
        var rows = new ItemView[count];
        for (int i = 0; i < count; i++)
        {
            var history = Enumerable.Range(0, r.Next(0, 20)).Select(_ => r.Next(200)).ToArray();
            bool positive = history.Length > 0 && r.Next(2) == 0;
            long item = positive ? history[r.Next(history.Length)] : 200 + r.Next(800);
            rows[i] = new ItemView
            {
                ItemId = item, CategoryId = (int)(item % 50), History = history, CategoryHistory = history.Select(h => h % 50).ToArray(),
                Age = (float)r.NextDouble(), Clicked = positive,
            };
        }
        return rows;
    }

    /// <summary>Clicks depend on the item, conversions after a click on the user.</summary>
    public static Visit[] Visits(int count, int seed)
    {
        var r = new Random(seed);
        var rows = new Visit[count];
        for (int i = 0; i < count; i++)
        {
            int user = r.Next(1_000), item = r.Next(500);
            var platform = (PlatformKind)r.Next(3);
            bool clicked = r.NextDouble() < Sigmoid((item % 4 == 0 ? 2.0 : -1.0) + (platform == PlatformKind.Ios ? 0.5 : 0));
            bool converted = clicked && r.NextDouble() < (user % 3 == 0 ? 0.7 : 0.1);
            rows[i] = new Visit { UserId = user, ItemId = item, Platform = platform, Price = (float)r.NextDouble(), Clicked = clicked, Converted = converted };
        }
        return rows;
    }
}
