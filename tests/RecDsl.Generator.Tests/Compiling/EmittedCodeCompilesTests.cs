using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RecDsl.Generator.Emitting;
using RecDsl.Generator.Model;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Compiling;

/// <summary>The emitters' output for each sample compiles next to the sample's source with zero diagnostics
/// (nullable on, warnings as errors, XML docs checked).</summary>
public class EmittedCodeCompilesTests
{
    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Emitted_code_compiles_without_diagnostics(string sample) =>
        AssertCompiles(sample, TestCompilation.ParseOptions);

    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Emitted_code_is_nullable_clean_when_nullable_warnings_are_on(string sample)
    {
        // Generated files switch nullable warnings off to build faster; this keeps their bodies checked anyway.
        Assert.All(Emit(sample), f => Assert.Contains(EmitterCommon.NullableAnnotationsOnly, f.Text));
        AssertCompiles(sample, TestCompilation.ParseOptions, text => text.Replace(EmitterCommon.NullableAnnotationsOnly, "#nullable enable"));
    }

    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Emitted_code_needs_no_language_version_newer_than_csharp_10(string sample) =>
        // C# 10 is the oldest version with record structs; generated code must not force users onto a newer one.
        AssertCompiles(sample, TestCompilation.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10));

    private static List<GeneratedFile> Emit(string sample) =>
        RecordEmitter.Emit(SpecBuilder.Build(Samples.ByName(sample).Declaration)).ToList();

    /// <summary>The sample's source and its emitted files (each through <paramref name="rewrite"/>), parsed with
    /// <paramref name="options"/>, compile with no diagnostics.</summary>
    private static void AssertCompiles(string sample, CSharpParseOptions options, Func<string, string>? rewrite = null)
    {
        var compilation = TestCompilation.Create().AddSyntaxTrees(
            Emit(sample).Select(f => CSharpSyntaxTree.ParseText(rewrite is null ? f.Text : rewrite(f.Text), options, path: f.HintName))
                .Prepend(CSharpSyntaxTree.ParseText(Samples.ByName(sample).Source, options, path: "User0.cs")));
        var problems = TestCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }
}
