using System.Globalization;
using RecDsl.Tests.Data.Readers;

namespace RecDsl.Tests.Data;

/// <summary>The Census-Income samples: column names with spaces, coded categories, normalised numbers.</summary>
public class CensusSampleTests
{
    public static TheoryData<string, int> Files => new()
    {
        { "census_income_train_sample.csv", 80 },
        { "census_income_val_sample.csv", 20 },
        { "census_income_test_sample.csv", 20 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_row_matches_the_file_text(string file, int rowCount)
    {
        var header = Fixtures.Header(file);
        var lines = Fixtures.DataFields(file);
        int Col(string name) => Array.IndexOf(header, name);

        using var records = new CensusPersonCsvReader().Open(Fixtures.PathOf(file));
        var people = records.ToList();

        Assert.Equal(rowCount, lines.Length);
        Assert.Equal(lines.Length, people.Count);
        for (int i = 0; i < people.Count; i++)
        {
            var f = lines[i];
            var p = people[i];
            Assert.Equal(float.Parse(f[Col("age")], CultureInfo.InvariantCulture), p.Age);
            Assert.Equal(int.Parse(f[Col("class of worker")], CultureInfo.InvariantCulture), p.ClassOfWorker);
            Assert.Equal(int.Parse(f[Col("education")], CultureInfo.InvariantCulture), p.Education);
            Assert.Equal(int.Parse(f[Col("marital status")], CultureInfo.InvariantCulture), p.MaritalStatus);
            Assert.Equal(int.Parse(f[Col("sex")], CultureInfo.InvariantCulture), p.Sex);
            Assert.Equal(double.Parse(f[Col("capital gains")], CultureInfo.InvariantCulture), p.CapitalGains);
            Assert.Equal(f[Col("income")] == "1", p.HighIncome);
        }
        Assert.Contains(people, p => p.HighIncome);
        Assert.Contains(people, p => !p.HighIncome);
    }
}
