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
}
