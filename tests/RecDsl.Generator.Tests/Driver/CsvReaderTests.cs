using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Model;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Driver;

/// <summary>The generated CSV readers: equal to the hand-written reference readers of the runtime tests, how members
/// are read (constructor, initializer, defaults, derived members), and which records get no reader.</summary>
public class CsvReaderTests
{
    private static readonly string ReferenceFolder = Path.Combine(Repository.Root, "tests", "RecDsl.Runtime.Tests", "Data", "Readers");

    [Fact]
    public void Generated_readers_equal_the_hand_written_reference_readers()
    {
        // The runtime tests read real files through hand-written readers in the shape docs/architecture.md fixes; the
        // generator, run on the same records, must write the same classes (from the class line to its closing brace).
        var files = Directory.GetFiles(ReferenceFolder, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var reference = string.Join("\n", files.Select(File.ReadAllText)).Replace("\r\n", "\n");
        var (result, _, _) = GeneratorRun.Run(files.Select(File.ReadAllText).ToArray());
        Assert.Empty(result.Diagnostics);

        var readers = GeneratorRun.Files(result).Where(f => f.HintName.EndsWith(".CsvReader.g.cs", StringComparison.Ordinal)).ToList();
        var names = new List<string>();
        foreach (var (_, text) in readers)
        {
            var generated = ClassBlock(text, out var name);
            names.Add(name);
            var expected = ClassBlockNamed(reference, name);
            Assert.True(expected is not null, $"no hand-written {name} in {ReferenceFolder}");
            Assert.Equal(expected, generated);
        }
        // Every reference record with a model attribute (AvazuSignedId has none, so it is no generator sample).
        Assert.Equal(new[]
        {
            "AdClickCsvReader", "AliCcpImpressionCsvReader", "AvazuImpressionCsvReader", "BasketCsvReader", "CensusPersonCsvReader",
            "CriteoAdCsvReader", "ItemViewCsvReader", "MatchCsvReader", "TrackingImpressionCsvReader",
        }, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_positional_record_passes_its_parameters_and_sets_its_other_members()
    {
        const string source = """
            using RecDsl;
            namespace Shop
            {
                [DeepFM]
                public sealed record Visit([Sparse(Vocab = 5), FmField, Deep] int A, [Label] bool Y, string Note)
                {
                    [Sparse(Vocab = 5), FmField, Deep] public int B { get; init; }
                    public int Unread { get; init; }
                }
            }
            """;
        var text = ReaderText(source, "Shop.Visit");
        Assert.Contains("""
                        int c0 = header.Column("A", "A");
                        int c1 = header.Column("Y", "Y");
                        int c2 = header.Column("Note", "Note");
                        int c3 = header.Column("B", "B");
                        return row => new global::Shop.Visit(
                            row.GetInteger<int>(c0),
                            row.GetBoolean(c1),
                            row.GetString(c2))
                        {
                            B = row.GetInteger<int>(c3),
                        };
            """, text);
        Assert.DoesNotContain("Unread", text);
    }

    [Fact]
    public void Computed_members_are_not_read_and_column_only_members_are()
    {
        // The derived-column pattern of docs/data.md: read the raw column into a member, compute the feature from it.
        const string source = """
            using RecDsl;
            namespace Shop
            {
                [DeepFM]
                public sealed record Visit
                {
                    [Column("hour")] public int Hour { get; init; }
                    [Sparse(Vocab = 24), FmField, Deep] public int HourOfDay => Hour % 24;
                    [Sparse(Vocab = 7), FmField, Deep] public int Weekday { get { return Hour / 24 % 7; } }
                    [Label] public bool Y { get; set; }
                    public string Note { get; init; } = "";
                }
            }
            """;
        var text = ReaderText(source, "Shop.Visit");
        Assert.Contains("""
                        int c0 = header.Column("hour", "Hour");
                        int c1 = header.Column("Y", "Y");
                        return row => new global::Shop.Visit
                        {
                            Hour = row.GetInteger<int>(c0),
                            Y = row.GetBoolean(c1),
                        };
            """, text);
    }

    [Fact]
    public void Dense_defaults_use_the_overload_with_a_default_when_the_value_fits_the_member()
    {
        const string source = """
            using RecDsl;
            namespace Shop
            {
                [WideDeep]
                public sealed record Visit
                {
                    [Sparse(Vocab = 5), Wide, Deep] public int Id { get; init; }
                    [Dense(Default = 3), Deep] public int Count { get; init; }
                    [Dense(Default = -1), Deep] public short? Small { get; init; }
                    [Dense(Default = 5000000000), Deep] public ulong Big { get; init; }
                    [Dense(Default = 0.5), Deep] public int? Half { get; init; }
                    [Dense(Default = 0.5), Deep] public long HalfLong { get; init; }
                    [Dense(Default = 2.5), Deep] public double Price { get; init; }
                    [Dense(Default = 0.1), Deep] public float? Rate { get; init; }
                    [Dense, Deep] public float? Missing { get; init; }
                    [Label] public bool Y { get; init; }
                }
            }
            """;
        var text = ReaderText(source, "Shop.Visit");
        Assert.Contains("Count = row.GetInteger<int>(c1, 3),", text);
        Assert.Contains("Small = row.GetInteger<short>(c2, -1),", text);
        Assert.Contains("Big = row.GetInteger<ulong>(c3, 5000000000),", text);
        // 0.5 is no int: an empty field stays null (the collator applies 0.5) or is an error.
        Assert.Contains("Half = row.GetNullableInteger<int>(c4),", text);
        Assert.Contains("HalfLong = row.GetInteger<long>(c5),", text);
        Assert.Contains("Price = row.GetFloat<double>(c6, 2.5D),", text);
        Assert.Contains("Rate = row.GetFloat<float>(c7, 0.1F),", text);
        Assert.Contains("Missing = row.GetNullableFloat<float>(c8),", text);
    }

    [Fact]
    public void Separators_and_names_are_written_as_literals()
    {
        const string source = """
            using System.Collections.Generic;
            using RecDsl;
            namespace Shop
            {
                [WideDeep]
                public sealed record Visit
                {
                    [Sparse(Vocab = 5), Wide, Deep, Column("the \"id\"")] public int Id { get; init; }
                    [Sequence(Vocab = 5), Deep, Column("q", Separator = '\'')] public int[] Quoted { get; init; } = new int[0];
                    [Sequence(Vocab = 5), Deep, Column("b", Separator = '\\')] public List<int> Slashed { get; init; } = new();
                    [Sparse(Vocab = 5), Deep] public int @class { get; init; }
                    [Sparse(Vocab = 5), Deep] public int c0 { get; init; }
                    [Sparse(Vocab = 5), Deep] public int row { get; init; }
                    [Label] public bool Y { get; init; }
                }
            }
            """;
        var text = ReaderText(source, "Shop.Visit");
        Assert.Contains("int c0 = header.Column(\"the \\\"id\\\"\", \"Id\");", text);
        Assert.Contains("Quoted = row.GetIntegerItems<int>(c1, '\\'').ToArray(),", text);
        Assert.Contains("Slashed = global::RecDsl.Data.CsvCollections.ToList(row.GetIntegerItems<int>(c2, '\\\\')),", text);
        Assert.Contains("int c3 = header.Column(\"class\", \"class\");", text);
        Assert.Contains("@class = row.GetInteger<int>(c3),", text);
        // Locals and the lambda parameter do not clash with members of the same name: an initializer's left side is
        // always the member.
        Assert.Contains("c0 = row.GetInteger<int>(c4),", text);
        Assert.Contains("row = row.GetInteger<int>(c5),", text);
    }

    [Theory]
    [InlineData("abstract record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; init; }", "it is abstract")]
    [InlineData("sealed class", "public Visit(int a) { A = a; } [Sparse(Vocab = 5), FmField, Deep] public int A { get; init; }", "no parameterless constructor")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; private init; }", "'A' is read from a column but has no setter or init accessor")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; }", "'A' is read from a column but has no setter or init accessor")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public readonly int A;", "'A' is read from a column but has no setter or init accessor")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; init; } public required string Note { get; init; }", "'Note' is required but carries no attribute")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; init; } [Dense, Deep] public decimal Price { get; init; }", "'Price' is decimal")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; init; } [Column(\"t\")] public System.DateTime When { get; init; }", "'When' is global::System.DateTime")]
    [InlineData("sealed record", "[Sparse(Vocab = 5), FmField, Deep] public int A { get; init; }", "a base type declares a required member", " : BaseVisit")]
    public void Records_that_columns_cannot_build_get_every_artifact_but_the_reader(string kind, string members, string reason, string baseType = "")
    {
        var source = "using RecDsl; namespace Shop { public abstract record BaseVisit { public required string Z { get; init; } } "
            + "[DeepFM] public " + kind + " Visit" + baseType + " { "
            + "[Sparse(Vocab = 5), FmField, Deep] public int B { get; init; } [Label] public bool Y { get; init; } " + members + " } }";
        var (result, output, _) = GeneratorRun.Run(source);
        Assert.Empty(result.Diagnostics);
        var hints = GeneratorRun.Files(result).Select(f => f.HintName).ToList();
        Assert.Contains("Shop.Visit.Collator.g.cs", hints);
        Assert.DoesNotContain("Shop.Visit.CsvReader.g.cs", hints);
        Assert.True(TestCompilation.Problems(output).Count == 0, TestCompilation.Describe(TestCompilation.Problems(output)));

        var declaration = DeclarationReader.Read(output.GetTypeByMetadataName("Shop.Visit")!, CancellationToken.None)!;
        Assert.Null(CsvReaderSpecBuilder.Build(declaration, "Visit", out var whyNot));
        Assert.Contains(reason, whyNot);
    }

    private static string ReaderText(string source, string metadataName)
    {
        var (result, output, _) = GeneratorRun.Run(source);
        Assert.Empty(result.Diagnostics);
        var problems = TestCompilation.Problems(output);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
        return GeneratorRun.Files(result).Single(f => f.HintName == metadataName + ".CsvReader.g.cs").Text;
    }

    // The lines of the first "sealed partial class ...CsvReader" in text, up to its closing brace at the same indentation.
    private static string ClassBlock(string text, out string name)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains(" sealed partial class ", StringComparison.Ordinal));
        name = lines[start].Split(" sealed partial class ")[1].Split(' ')[0];
        return Block(lines, start);
    }

    private static string? ClassBlockNamed(string text, string name)
    {
        var lines = text.Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains(" sealed partial class " + name + " ", StringComparison.Ordinal));
        return start < 0 ? null : Block(lines, start);
    }

    private static string Block(string[] lines, int start)
    {
        string indent = lines[start].Substring(0, lines[start].Length - lines[start].TrimStart().Length);
        int end = Array.FindIndex(lines, start + 1, l => l == indent + "}");
        return string.Join("\n", lines[start..(end + 1)]);
    }
}
