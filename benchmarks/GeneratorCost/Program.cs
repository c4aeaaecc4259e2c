// GeneratorCost [--records N] [--rounds N] [--no-docs] [--by-kind] [--split] [--write DIR]: what RecDsl's generator
// adds to building N annotated records (--no-docs: parse without documentation comments, as a build without
// GenerateDocumentationFile does; --by-kind: binding time of the generated method bodies per kind of file;
// --split: build time of the generated declarations alone and of their bodies; --write: only write the records
// as files, for real-build.sh, which measures the same with the SDK's compiler).
// Prints GENERATOR lines (ms) and RATIO generator_added_s (the DESIGN target: < 1 s for 200 records).
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RecDsl.Generator;
using RecDsl.GeneratorCost;

int records = Option("--records", 200), rounds = Math.Max(2, Option("--rounds", 15));
var sources = UserRecords.Create(records);
if (Array.IndexOf(args, "--write") is int w and >= 0 && w + 1 < args.Length)
{
    // The same records as files, for a build with the SDK's compiler (real-build.sh).
    Directory.CreateDirectory(args[w + 1]);
    for (int i = 0; i < sources.Length; i++) File.WriteAllText(Path.Combine(args[w + 1], $"Record{i}.cs"), sources[i]);
    Console.WriteLine($"WROTE {sources.Length} records to {args[w + 1]}");
    return 0;
}
var parse = new CSharpParseOptions(LanguageVersion.Latest, args.Contains("--no-docs") ? DocumentationMode.None : DocumentationMode.Parse);
var references = Basic.Reference.Assemblies.Net100.References.All
    .Append(MetadataReference.CreateFromFile(typeof(RecDsl.Batching.FeatureBatch).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
    .ToArray();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });
CSharpCompilation Compilation() => CSharpCompilation.Create("UserAssembly",
    sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Record{i}.cs")), references, options);

Console.WriteLine($"MACHINE nproc={Environment.ProcessorCount} dotnet={Environment.Version} roslyn={typeof(CSharpCompilation).Assembly.GetName().Version}");
Console.WriteLine($"SETTINGS records={records} rounds={rounds} (round 1 is cold: JIT of Roslyn and the generator; the rest are warm, as in the compiler server)");

// A build: parse, bind, emit. Without the generator, and with it (run the driver, then emit what it returns).
var without = new List<double>();
var with = new List<double>();
var generatorOnly = new List<double>();
int generatedFiles = 0, errors = 0;
for (int round = 0; round < rounds; round++)
{
    var clock = Stopwatch.StartNew();
    errors = Emit(Compilation());
    without.Add(clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    var driver = CSharpGeneratorDriver.Create(new[] { new RecModelGenerator().AsSourceGenerator() }, parseOptions: parse)
        .RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out _);
    generatorOnly.Add(clock.Elapsed.TotalMilliseconds);
    errors = Emit(output);
    with.Add(clock.Elapsed.TotalMilliseconds);
    generatedFiles = driver.GetRunResult().GeneratedTrees.Length;
    if (round == 0)
        foreach (var kind in driver.GetRunResult().GeneratedTrees.GroupBy(KindOf))
            Console.WriteLine($"GENERATED {kind.Key} files={kind.Count()} lines={kind.Sum(t => t.GetText().Lines.Count)}");
}
if (errors > 0) { Console.WriteLine($"GENERATOR ERROR the generated code has {errors} compile errors"); return 1; }

if (args.Contains("--by-kind"))
{
    // Binding time of each generated file's method bodies, summed per kind (a second pass, so declarations are bound).
    CSharpGeneratorDriver.Create(new[] { new RecModelGenerator().AsSourceGenerator() }, parseOptions: parse)
        .RunGeneratorsAndUpdateCompilation(Compilation(), out var all, out _);
    all.GetDeclarationDiagnostics();
    var perKind = new Dictionary<string, double>();
    foreach (var tree in all.SyntaxTrees)
    {
        var kind = KindOf(tree);
        var clock = Stopwatch.StartNew();
        all.GetSemanticModel(tree).GetMethodBodyDiagnostics();
        perKind[kind] = perKind.GetValueOrDefault(kind) + clock.Elapsed.TotalMilliseconds;
    }
    foreach (var (kind, ms) in perKind.OrderByDescending(p => p.Value)) Print("BIND_MS", kind, ms);
}

if (args.Contains("--split"))
{
    // What the generated declarations (types, members, signatures, metadata) and their bodies each add to a build:
    // the same build with every generated body replaced by "throw null", and without the generated code.
    CSharpGeneratorDriver.Create(new[] { new RecModelGenerator().AsSourceGenerator() }, parseOptions: parse)
        .RunGeneratorsAndUpdateCompilation(Compilation(), out var all, out _);
    var stubbed = all;
    foreach (var tree in all.SyntaxTrees.Where(t => KindOf(t) != "user"))
        stubbed = stubbed.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(new BodyStubber().Visit(tree.GetRoot()), tree.Options));
    double BestEmit(Compilation c) => Enumerable.Range(0, rounds).Min(_ =>
    {
        var clock = Stopwatch.StartNew();
        Emit(c.Clone());
        return clock.Elapsed.TotalMilliseconds;
    });
    BestEmit(all); // warm-up: the first builds of this compilation measured 0.4-1 s slower
    double full = BestEmit(all), declarations = BestEmit(stubbed), plain = BestEmit(Compilation());
    Print("EMIT_MS", "generated_declarations", declarations - plain);
    Print("EMIT_MS", "generated_bodies", full - declarations);
}

// An edit in one record's file with a warm driver: what an IDE keystroke costs (the pipeline caches every other record).
GeneratorDriver warm = CSharpGeneratorDriver.Create(new[] { new RecModelGenerator().AsSourceGenerator() }, parseOptions: parse);
var compilation = Compilation();
warm = warm.RunGenerators(compilation);
var edits = new List<double>();
for (int round = 0; round < rounds; round++)
{
    var tree = compilation.SyntaxTrees.First();
    var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(0, 0), $"// edit {round}\n")));
    compilation = compilation.ReplaceSyntaxTree(tree, edited);
    var clock = Stopwatch.StartNew();
    warm = warm.RunGenerators(compilation);
    edits.Add(clock.Elapsed.TotalMilliseconds);
}

double warmWithout = without.Skip(1).Min(), warmWith = with.Skip(1).Min();
Print("GENERATOR_MS", "build_without_generator_cold", without[0]);
Print("GENERATOR_MS", "build_with_generator_cold", with[0]);
Print("GENERATOR_MS", "build_without_generator_warm", warmWithout);
Print("GENERATOR_MS", "build_with_generator_warm", warmWith);
Print("GENERATOR_MS", "generator_run_only_warm", generatorOnly.Skip(1).Min());
Print("GENERATOR_MS", "generator_rerun_after_a_comment_edit", edits.Skip(1).Min());
Console.WriteLine($"GENERATOR files={generatedFiles} records={records}");
Print("RATIO", "generator_added_s_warm", (warmWith - warmWithout) / 1000, "F3");
Print("RATIO", "generator_added_s_cold", (with[0] - without[0]) / 1000, "F3");
return 0;

// "Collator" for "Shop.AdClick.Collator.g.cs"; "user" for the user's own files.
static string KindOf(SyntaxTree tree) =>
    tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) ? Path.GetFileName(tree.FilePath).Split('.').Reverse().Skip(2).First() : "user";

static int Emit(Compilation compilation)
{
    using var stream = new MemoryStream();
    var result = compilation.Emit(stream);
    var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    foreach (var error in errors.Take(3)) Console.WriteLine($"GENERATOR ERROR {error}");
    return errors.Count;
}

static void Print(string kind, string name, double value, string format = "F0") =>
    Console.WriteLine($"{kind} {name} {value.ToString(format, CultureInfo.InvariantCulture)}");

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
}
