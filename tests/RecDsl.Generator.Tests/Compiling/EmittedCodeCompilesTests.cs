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
    public void Emitted_code_compiles_without_diagnostics(string sample)
    {
        var s = Samples.ByName(sample);
        var files = RecordEmitter.Emit(SpecBuilder.Build(s.Declaration)).ToList();
        var compilation = TestCompilation.Create(s.Source).AddSyntaxTrees(
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, TestCompilation.ParseOptions, path: f.HintName)));
        var problems = TestCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }

    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Emitted_code_is_nullable_clean_when_nullable_warnings_are_on(string sample)
    {
        // Generated files switch nullable warnings off to build faster; this keeps their bodies checked anyway.
        var s = Samples.ByName(sample);
        var files = RecordEmitter.Emit(SpecBuilder.Build(s.Declaration)).ToList();
        Assert.All(files, f => Assert.Contains(EmitterCommon.NullableAnnotationsOnly, f.Text));
        var compilation = TestCompilation.Create(s.Source).AddSyntaxTrees(files.Select(f => CSharpSyntaxTree.ParseText(
            f.Text.Replace(EmitterCommon.NullableAnnotationsOnly, "#nullable enable"), TestCompilation.ParseOptions, path: f.HintName)));
        var problems = TestCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }

    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Emitted_code_needs_no_language_version_newer_than_csharp_10(string sample)
    {
        // C# 10 is the oldest version with record structs; generated code must not force users onto a newer one.
        var s = Samples.ByName(sample);
        var options = TestCompilation.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10);
        var files = RecordEmitter.Emit(SpecBuilder.Build(s.Declaration)).ToList();
        var compilation = TestCompilation.Create(s.Source).RemoveAllSyntaxTrees()
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(s.Source, options, path: "User0.cs"))
            .AddSyntaxTrees(files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, path: f.HintName)));
        var problems = TestCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }
}
