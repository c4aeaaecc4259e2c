using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace RecDsl.Analyzers.Tests;

/// <summary>Analyzer and code-fix tests with offline references: .NET 10 reference assemblies from
/// Basic.Reference.Assemblies (the ReferenceAssemblies constructor without a package downloads nothing) plus
/// RecDsl.Runtime for the attributes.</summary>
internal static class Offline
{
    public const string Usings = "using RecDsl;\nusing System.Collections.Generic;\n";

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(TestCompilation.Runtime);
    }

    public static readonly ReferenceAssemblies References = new("net10.0");
}

internal sealed class AnalyzerTest : CSharpAnalyzerTest<DeclarationAnalyzer, DefaultVerifier>
{
    public AnalyzerTest(string code)
    {
        TestCode = Offline.Usings + code;
        ReferenceAssemblies = Offline.References;
        Offline.Configure(TestState);
    }

    public static Task Run(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest(code);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

internal sealed class CodeFixTest<TFix> : CSharpCodeFixTest<DeclarationAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public CodeFixTest(string before, string after)
    {
        TestCode = Offline.Usings + before;
        FixedCode = Offline.Usings + after;
        ReferenceAssemblies = Offline.References;
        Offline.Configure(TestState);
        Offline.Configure(FixedState);
    }

    public static Task Run(string before, string after, int? codeActionIndex = null)
    {
        var test = new CodeFixTest<TFix>(before, after);
        if (codeActionIndex is { } index) test.CodeActionIndex = index;
        return test.RunAsync();
    }
}
