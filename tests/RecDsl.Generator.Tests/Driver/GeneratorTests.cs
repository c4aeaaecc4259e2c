using Microsoft.CodeAnalysis;
using RecDsl.Generator.Emitting;
using RecDsl.Generator.Model;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Driver;

/// <summary>The whole generator on user source: what it emits, that it compiles, and that it stays silent on invalid
/// declarations.</summary>
public class GeneratorTests
{
    public static TheoryData<string> SampleNames => new(Samples.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Reads_the_source_into_the_declaration_the_emitter_snapshots_were_made_from(string name)
    {
        // The emitter snapshots come from hand-built declarations; the generator reading the same source must emit the
        // very same files, so the snapshots are what users get.
        var sample = Samples.ByName(name);
        var (result, _, _) = GeneratorRun.Run(sample.Source);
        Assert.Empty(result.Diagnostics);
        var expected = RecordEmitter.Emit(SpecBuilder.Build(sample.Declaration)).ToDictionary(f => f.HintName, f => f.Text);
        var actual = GeneratorRun.Files(result).ToDictionary(f => f.HintName, f => f.Text);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (hint, text) in expected) Assert.Equal(text, actual[hint]);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Generated_code_compiles_without_diagnostics(string name)
    {
        var (result, output, _) = GeneratorRun.Run(Samples.ByName(name).Source);
        Assert.Empty(result.Diagnostics);
        var problems = TestCompilation.Problems(output);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }

    [Fact]
    public void All_samples_together_compile_and_get_distinct_hint_names()
    {
        var (result, output, _) = GeneratorRun.Run(Samples.All.Select(s => s.Source).ToArray());
        Assert.Empty(result.Diagnostics);
        var hints = GeneratorRun.Files(result).Select(f => f.HintName).ToList();
        Assert.Equal(hints.Count, hints.Distinct().Count());
        Assert.True(TestCompilation.Problems(output).Count == 0, TestCompilation.Describe(TestCompilation.Problems(output)));
    }

    [Fact]
    public void Same_simple_name_in_two_namespaces_and_nested_gets_distinct_files()
    {
        const string template = """
            using RecDsl;
            namespace NS
            {
                [DeepFM]
                public record Click
                {
                    [Sparse(Vocab = 10), FmField, Deep] public int A { get; init; }
                    [Sparse(Vocab = 10), FmField, Deep] public int B { get; init; }
                    [Label] public bool Y { get; init; }
                }
            }
            """;
        var nested = template.Replace("namespace NS\n{", "namespace One\n{ public static class Outer {").Replace("    }\n}", "    }\n}}");
        var (result, output, _) = GeneratorRun.Run(template.Replace("NS", "One"), template.Replace("NS", "Two"), nested);
        Assert.Empty(result.Diagnostics);
        var hints = GeneratorRun.Files(result).Select(f => f.HintName).Order().ToList();
        Assert.Contains("One.Click.Schema.g.cs", hints);
        Assert.Contains("Two.Click.Schema.g.cs", hints);
        Assert.Contains("One.Outer+Click.Schema.g.cs", hints);
        Assert.True(TestCompilation.Problems(output).Count == 0, TestCompilation.Describe(TestCompilation.Problems(output)));
    }

    [Fact]
    public void Several_model_attributes_on_one_record_emit_the_shared_files_once()
    {
        var (result, _, _) = GeneratorRun.Run(Samples.AdClick.Source);
        var hints = GeneratorRun.Files(result).Select(f => f.HintName).ToList();
        Assert.Single(hints, h => h == "Shop.AdClick.Batch.g.cs");
        Assert.Single(hints, h => h == "Shop.AdClick.Collator.g.cs");
    }

    [Theory]
    [InlineData("[Sparse(Vocab = 10), FmField, Deep] public int A { get; init; }")] // one FM field: RDSL0012
    [InlineData("[Sparse(Vocab = 10), FmField, Deep] public int A { get; init; } [Sparse(Vocab = 10), FmField, Deep] public int B { get; init; } [Label] public bool Z { get; init; }")] // two labels: RDSL0001
    [InlineData("[Sparse(Vocab = 10), FmField, Deep] public int A { get; init; } [Sequence(Target = \"Nope\"), FmField, Deep] public int[] B { get; init; } = new int[0];")] // RDSL0003
    public void Invalid_declarations_emit_nothing_and_report_nothing(string members)
    {
        var source = "using RecDsl; [DeepFM] public record Bad { " + members + " [Label] public bool Y { get; init; } }";
        var (result, _, _) = GeneratorRun.Run(source);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorRun.Files(result));
    }

    [Fact]
    public void Keyword_member_names_are_escaped()
    {
        var source = """
            using RecDsl;
            [DeepFM]
            public record Odd(
                [Sparse(Vocab = 5), FmField, Deep] int @class,
                [property: Sparse(Vocab = 5), FmField, Deep] string @event,
                [Sequence(Target = nameof(@class), MaxLen = 3), Deep] int[] @params,
                [Dense(Default = 1), Deep] float? @double,
                [Label] bool @true);
            """;
        var (result, output, _) = GeneratorRun.Run(source);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(GeneratorRun.Files(result));
        Assert.True(TestCompilation.Problems(output).Count == 0, TestCompilation.Describe(TestCompilation.Problems(output)));
    }

    [Fact]
    public void Records_without_model_attributes_are_ignored()
    {
        var (result, _, _) = GeneratorRun.Run("using RecDsl; public record Plain { [Sparse(Vocab = 3)] public int A { get; init; } }");
        Assert.Empty(GeneratorRun.Files(result));
        Assert.Empty(result.Diagnostics);
    }
}
