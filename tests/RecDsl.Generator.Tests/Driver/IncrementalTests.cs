using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Driver;

/// <summary>The pipeline caches: a second run is all Cached, an unrelated edit re-emits nothing, editing one record
/// re-emits only its files, and no Roslyn object survives in a step output.</summary>
public class IncrementalTests
{
    private static readonly string[] TrackedSteps = typeof(RecModelGenerator).Assembly.GetType("RecDsl.Generator.TrackingNames")!
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        var compilation = TestCompilation.Create(sources);
        var driver = GeneratorRun.CreateDriver().RunGenerators(compilation);
        return (driver, compilation);
    }

    [Fact]
    public void Tracking_names_exist_and_are_used()
    {
        Assert.Equal(new[] { "RecDsl.Declarations", "RecDsl.Specs" }, TrackedSteps.Order());
        var (driver, _) = FirstRun(Samples.AdClick.Source);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in TrackedSteps) Assert.True(steps.ContainsKey(name), $"step {name} not tracked");
    }

    [Fact]
    public void Second_run_on_the_same_input_is_all_cached()
    {
        var (driver, compilation) = FirstRun(Samples.All.Select(s => s.Source).ToArray());
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        foreach (var name in TrackedSteps)
        {
            foreach (var step in second.TrackedSteps[name])
                Assert.All(step.Outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {o.Reason}"));
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_unrelated_edit_re_emits_nothing()
    {
        var (driver, compilation) = FirstRun(Samples.AdClick.Source, "namespace Other { public class Helper { public int X; } }");
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText("namespace Other { public class Helper { public int X; public int Y; } }", TestCompilation.ParseOptions, path: "User1.cs"));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (var name in TrackedSteps)
            Assert.All(run.TrackedSteps[name].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {o.Reason}"));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_record_re_emits_only_that_record()
    {
        var (driver, compilation) = FirstRun(Samples.AdClick.Source, Samples.Match.Source);
        var changed = Samples.AdClick.Source.Replace("[Sparse(Vocab = 500)", "[Sparse(Vocab = 600)");
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(changed, TestCompilation.ParseOptions, path: "User0.cs"));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var specOutputs = run.TrackedSteps["RecDsl.Specs"].SelectMany(s => s.Outputs).ToList();
        var modified = specOutputs.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).Select(o => SpecName(o.Value)).ToList();
        var cached = specOutputs.Where(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).Select(o => SpecName(o.Value)).ToList();
        Assert.Equal(new[] { "Shop.AdClick" }, modified);
        Assert.Contains("Sports.Match", cached);

        // The output step re-ran only for AdClick, and AdClick's file now says 600.
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("600L", run.GeneratedSources.Single(s => s.HintName == "Shop.AdClick.Schema.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Renaming_a_wide_feature_re_emits_that_record_with_the_new_name()
    {
        var (driver, compilation) = FirstRun(Samples.Match.Source, Samples.AdClick.Source);
        var renamed = Samples.Match.Source.Replace("Odds", "Price");
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(renamed, TestCompilation.ParseOptions, path: "User0.cs"));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        var batch = run.GeneratedSources.Single(s => s.HintName == "Sports.Match.Batch.g.cs").SourceText.ToString();
        Assert.Contains(" Price => Dense.select(1, 0);", batch);
        Assert.DoesNotContain("Odds", batch);
    }

    [Fact]
    public void Step_outputs_hold_no_compilation_symbol_or_syntax()
    {
        var (driver, _) = FirstRun(Samples.All.Select(s => s.Source).ToArray());
        var result = driver.GetRunResult().Results.Single();
        int visited = 0;
        foreach (var step in result.TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)).SelectMany(s => s.Value))
            foreach (var (value, _) in step.Outputs)
                visited += AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step.Name ?? "?");
        Assert.True(visited > 50, $"the walk saw only {visited} objects");
    }

    private static string SpecName(object value) =>
        (string)value.GetType().GetProperty("Spec")!.GetValue(value)!.GetType().GetProperty("RecordName")!.GetValue(value.GetType().GetProperty("Spec")!.GetValue(value))!;

    // Walks public and private fields by reflection (NetEscapades' check) and fails on any Compilation, ISymbol,
    // SyntaxNode or Location.
    private static int AssertNoRoslynObjects(object? node, HashSet<object> seen, string path)
    {
        if (node is null) return 0;
        var type = node.GetType();
        if (type.IsPrimitive || type.IsEnum || node is string || node is decimal) return 1;
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(node)) return 0;
        int count = 1;
        if (node is IEnumerable items and not string)
        {
            int i = 0;
            foreach (var item in items) count += AssertNoRoslynObjects(item, seen, $"{path}[{i++}]");
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!field.FieldType.IsPointer)
                    count += AssertNoRoslynObjects(field.GetValue(node), seen, path + "." + field.Name);
        return count;
    }
}
