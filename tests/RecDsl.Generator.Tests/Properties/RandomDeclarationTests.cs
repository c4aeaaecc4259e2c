using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RecDsl.Analyzers;
using RecDsl.Backend;
using RecDsl.Batching;
using RecDsl.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RecDsl.Generator.Tests.Properties;

/// <summary>The promise of docs/diagnostics: a record the analyzers accept is one the generator generates for, and
/// one with an error gets nothing. Checked on random declarations (<see cref="RandomDeclaration"/>) end to end:
/// the analyzer's errors and the generator's output agree record by record, the generated code compiles with zero
/// diagnostics, and every model of every accepted record trains, predicts probabilities, predicts the same after
/// Save and Load and in batches of 5, and in ONNX Runtime from its export, on rows the record's own factory makes;
/// those rows written as CSV and as Parquet read back to the same tensors; unseen ids are counted or thrown.</summary>
public class RandomDeclarationTests(ITestOutputHelper output)
{
    // RECDSL_RANDOM_SEED=N and RECDSL_RANDOM_COMPILATIONS=N draw other or more declarations (a failure names its source).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RECDSL_RANDOM_SEED"), out var seed) ? seed : 20261207;
    private static readonly int Compilations = int.TryParse(Environment.GetEnvironmentVariable("RECDSL_RANDOM_COMPILATIONS"), out var count) ? count : 10;
    private const int RecordsPerCompilation = 12;
    private const int Rows = 24;

    [Fact]
    public async Task What_the_analyzer_accepts_is_generated_compiles_trains_and_reloads_and_what_it_rejects_gets_nothing()
    {
        TorchBackend.EnsureLoaded(threads: 1);
        var random = new Random(Seed);
        var failures = new List<string>();
        var errorCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, rejected = 0, models = 0, readers = 0, counting = 0, throwing = 0, withVocabularies = 0;
        var onnx = new OnnxParity();
        var directory = Directory.CreateTempSubdirectory("recdsl-random-").FullName;
        try
        {
            for (int c = 0; c < Compilations; c++)
            {
                var declarations = Enumerable.Range(c * RecordsPerCompilation, RecordsPerCompilation)
                    .Select(i => RandomDeclaration.Draw(random, i)).ToList();
                var (accepting, generated) = await CheckAsync(declarations, failures, errorCounts);
                accepted += accepting.Count;
                readers += accepting.Count(a => a.HasCsvReader);
                withVocabularies += accepting.Count(a => a.HasVocabulary);
                throwing += accepting.Count(a => a.Declaration.ThrowingOov.Count > 0);
                counting += accepting.Count(a => a.Declaration.ThrowingOov.Count == 0 && a.Declaration.CountedOov.Count > 0);
                rejected += declarations.Count - accepting.Count;
                models += accepting.Sum(d => d.Declaration.ModelNames.Count);
                if (accepting.Count > 0 && failures.Count == 0) Run(c, generated, accepting, directory, onnx, failures);
                if (failures.Count > 0) break;
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        output.WriteLine($"seed {Seed}: {accepted} records accepted ({models} models trained and reloaded, {onnx.Models} ONNX exports within {onnx.MaxRelativeError:G2}, {readers} CSV and Parquet round trips, {withVocabularies} with vocabularies copied and refused when changed; unseen ids counted in {counting}, thrown in {throwing}), {rejected} rejected; errors: " +
            string.Join(", ", errorCounts.Select(e => $"{e.Key} x{e.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
        Assert.True(withVocabularies > 0, "no accepted record has vocabularies");
        // Both sides of the rules must be drawn, or the property is checked on one side only.
        Assert.True(accepted >= Compilations * RecordsPerCompilation / 3, $"only {accepted} records were accepted");
        Assert.True(rejected >= Compilations * RecordsPerCompilation / 5, $"only {rejected} records were rejected");
    }

    private sealed record Accepted(RandomDeclaration Declaration, bool HasVocabulary, bool HasCsvReader);

    /// <summary>Compiles the declarations together (each in its own file), runs the analyzer and the generator, and
    /// checks that they agree; returns the accepted records and the compilation with the generated code.</summary>
    private static async Task<(List<Accepted> Accepting, Compilation Generated)> CheckAsync(
        List<RandomDeclaration> declarations, List<string> failures, IDictionary<string, int> errorCounts)
    {
        var compilation = TestCompilation.Create(declarations.Select(d => d.Source).ToArray());
        var csharpErrors = TestCompilation.Problems(compilation);
        if (csharpErrors.Count > 0)
        {
            // The drawing is wrong, not RecDsl: every drawn source must be valid C#.
            failures.Add("a drawn declaration is not valid C#:\n" + TestCompilation.Describe(csharpErrors) + "\n" + SourceOf(declarations, csharpErrors[0]));
            return (new(), compilation);
        }

        var analyzerExceptions = new List<string>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => { lock (analyzerExceptions) analyzerExceptions.Add(exception.ToString()); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var analyzerDiagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer()), analyzerOptions)
            .GetAnalyzerDiagnosticsAsync();
        failures.AddRange(analyzerExceptions.Concat(analyzerDiagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()))
            .Select(e => "the analyzer threw: " + e));

        var driver = GeneratorRun.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var run = driver.GetRunResult();
        failures.AddRange(run.Results.Where(r => r.Exception is not null).Select(r => "the generator threw: " + r.Exception));
        failures.AddRange(generatorDiagnostics.Select(d => "the generator reported: " + d));
        var hints = GeneratorRun.Files(run).Select(f => f.HintName).ToList();

        var accepting = new List<Accepted>();
        for (int i = 0; i < declarations.Count; i++)
        {
            var declaration = declarations[i];
            var errors = analyzerDiagnostics
                // The default severity: the test compilation makes every warning an error.
                .Where(d => d.DefaultSeverity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == $"User{i}.cs")
                .Select(d => d.Id).Distinct().ToList();
            var files = hints.Where(h => h.StartsWith(declaration.MetadataName + ".", StringComparison.Ordinal)).ToList();
            var what = $"{declaration.MetadataName} (slip: {declaration.Slip}; errors: {string.Join(", ", errors)}; files: {files.Count})\n{declaration.Source}";
            if (errors.Count > 0 && files.Count > 0) failures.Add("generated for a record the analyzer rejects: " + what);
            if (errors.Count == 0 && files.Count == 0) failures.Add("nothing generated for a record the analyzer accepts: " + what);
            if (errors.Count == 0 && declaration.Slip != "none") failures.Add("the analyzer accepts a slip: " + what);
            foreach (var id in errors) errorCounts[id] = errorCounts.TryGetValue(id, out var n) ? n + 1 : 1;
            if (errors.Count == 0 && files.Count > 0)
                accepting.Add(new Accepted(declaration, files.Any(h => h.Contains(".Vocabulary.", StringComparison.Ordinal)),
                    files.Any(h => h.Contains(".CsvReader.", StringComparison.Ordinal))));
        }

        // And no file belongs to no accepted record (a rejected generic record's files would be named R1`1...).
        var claimed = accepting.Select(a => a.Declaration.MetadataName + ".").ToList();
        foreach (var stray in hints.Where(h => !claimed.Any(prefix => h.StartsWith(prefix, StringComparison.Ordinal))))
            failures.Add("a generated file belongs to no accepted record: " + stray);

        var problems = TestCompilation.Problems(generated);
        if (problems.Count > 0)
            failures.Add("the generated code does not compile cleanly:\n" + TestCompilation.Describe(problems.Take(10)) + "\n" + SourceOf(declarations, problems[0]));
        return (failures.Count == 0 ? accepting : new(), generated);
    }

    /// <summary>Adds a probe per accepted record to the compilation with the generated code, loads the assembly and
    /// runs each probe: unseen ids, the CSV and Parquet round trips, then every model trains two epochs, matches its
    /// ONNX export, predicts, saves, loads and predicts the same, and refuses files that are not its own. Parquet
    /// writing and ONNX Runtime are called back here, so the probes' compilation needs neither package.</summary>
    private static void Run(int index, Compilation generated, List<Accepted> accepting, string directory, OnnxParity onnx, List<string> failures)
    {
        var withProbes = generated
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(ProbeSource(accepting), TestCompilation.ParseOptions, path: "Probes.cs"))
            // The user files carry no documentation comments (the generated ones were checked in CheckAsync).
            .WithOptions(generated.Options.WithSpecificDiagnosticOptions(
                generated.Options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress)));
        using var image = new MemoryStream();
        var emitted = withProbes.Emit(image);
        if (!emitted.Success)
        {
            failures.Add("the probes do not compile:\n" + TestCompilation.Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
            return;
        }
        image.Position = 0;
        // One context per compilation: every compilation's assembly has the same name. The runtime and TorchSharp
        // come from the default context, as for a user's assembly.
        var assembly = new AssemblyLoadContext("random-declarations-" + index).LoadFromStream(image);
        foreach (var a in accepting)
        {
            var random = new Random(Seed + a.Declaration.Index);
            Action<string, object[]> writeParquet = (path, rows) => ParquetRows.Write(path, rows, a.Declaration.Columns, random);
            Action<string, object, FeatureBatch> checkOnnx = onnx.Check;
            try
            {
                assembly.GetType("RandomProbes." + a.Declaration.Name + "Probe", throwOnError: true)!
                    .GetMethod("Run")!.Invoke(null, new object[] { directory, writeParquet, checkOnnx });
            }
            catch (TargetInvocationException exception)
            {
                failures.Add($"{a.Declaration.MetadataName} ({string.Join(", ", a.Declaration.ModelNames)}) failed at run time: {exception.InnerException}\n{a.Declaration.Source}");
            }
        }
    }

    private static string ProbeSource(List<Accepted> accepting)
    {
        var text = new StringBuilder("""
            namespace RandomProbes
            {
                public static class Check
                {
                    public static void Same(string what, float[] before, float[] after, int rows)
                    {
                        if (before.Length != rows || after.Length != rows)
                            throw new global::System.InvalidOperationException($"{what}: {before.Length} and {after.Length} predictions for {rows} rows");
                        for (int i = 0; i < rows; i++)
                        {
                            if (!(before[i] >= 0f && before[i] <= 1f))
                                throw new global::System.InvalidOperationException($"{what}: row {i} predicted {before[i]}, not a probability");
                            if (before[i] != after[i])
                                throw new global::System.InvalidOperationException($"{what}: row {i} predicted {before[i]} before saving and {after[i]} after loading");
                        }
                    }

                    public static void Close(string what, float[] expected, float[] actual)
                    {
                        for (int i = 0; i < expected.Length; i++)
                            if (!(global::System.Math.Abs(expected[i] - actual[i]) <= 1e-6f))
                                throw new global::System.InvalidOperationException($"{what}: row {i} predicted {actual[i]}, {expected[i]} in one batch");
                    }

                    public static void SameBatch(string what, global::RecDsl.Batching.FeatureBatch a, global::RecDsl.Batching.FeatureBatch b)
                    {
                        Same(what + " sparse ids", a.SparseRows, b.SparseRows);
                        Same(what + " dense values", a.Dense, b.Dense);
                        if (a.SequenceRows.Count != b.SequenceRows.Count) throw new global::System.InvalidOperationException(what + ": sequence counts differ");
                        for (int s = 0; s < a.SequenceRows.Count; s++) Same(what + " sequence " + s, a.SequenceRows[s], b.SequenceRows[s]);
                        Same(what + " label", a.Label, b.Label);
                        Same(what + " click label", a.ClickLabel, b.ClickLabel);
                        Same(what + " conversion label", a.ConversionLabel, b.ConversionLabel);
                        if (!global::System.Linq.Enumerable.SequenceEqual(a.Groups ?? new long[0], b.Groups ?? new long[0]))
                            throw new global::System.InvalidOperationException(what + ": groups differ");
                    }

                    private static void Same(string what, global::TorchSharp.torch.Tensor? a, global::TorchSharp.torch.Tensor? b)
                    {
                        if ((a is null) != (b is null) || (a is not null && !(global::System.Linq.Enumerable.SequenceEqual(a.shape, b!.shape) && a.eq(b).all().item<bool>())))
                            throw new global::System.InvalidOperationException(what + " differ: " + a?.ToString(global::TorchSharp.TensorStringStyle.Julia) + " vs " + b?.ToString(global::TorchSharp.TensorStringStyle.Julia));
                    }
                }

            """);
        foreach (var a in accepting)
        {
            var d = a.Declaration;
            var vocabulary = a.HasVocabulary ? "vocabulary" : ""; // the constructor argument of collators and models
            text.AppendLine($$"""
                    public static class {{d.Name}}Probe
                    {
                        public static void Run(string directory, global::System.Action<string, object[]> writeParquet,
                            global::System.Action<string, object, global::RecDsl.Batching.FeatureBatch> checkOnnx)
                        {
                            var rows = new {{d.TypeName}}[{{Rows}}];
                            for (int i = 0; i < rows.Length; i++) rows[i] = {{d.Factory}}.Make(i);
                            {{(a.HasVocabulary ? $"var vocabulary = {d.GeneratedPrefix}Vocabulary.Fit(rows);" : "")}}
                """);
            text.AppendLine(UnseenIdsProbe(a));
            if (a.HasVocabulary) text.AppendLine(VocabularyProbe(a));
            if (a.HasCsvReader)
                text.AppendLine($$"""
                            {
                                // The same rows written as CSV and read back collate to the same tensors.
                                var csv = {{d.Factory}}.CsvHeader + "\n" + string.Join("\n", global::System.Linq.Enumerable.Select(global::System.Linq.Enumerable.Range(0, rows.Length), {{d.Factory}}.CsvRow));
                                var read = global::System.Linq.Enumerable.ToArray(new {{d.GeneratedPrefix}}CsvReader().Open(new global::System.IO.StringReader(csv), "{{d.Name}}.csv"));
                                var collator = new {{d.GeneratedPrefix}}Collator({{vocabulary}});
                                using var written = collator.Collate(rows);
                                using var readBack = collator.Collate(read);
                                Check.SameBatch("{{d.Name}} CSV", written, readBack);
                                // And written as Parquet (typed columns, two row groups), read back to the same tensors.
                                var parquet = global::System.IO.Path.Combine(directory, "{{d.Name}}.parquet");
                                writeParquet(parquet, global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Cast<object>(rows)));
                                using var parquetRecords = new {{d.GeneratedPrefix}}CsvReader().OpenParquet(parquet);
                                using var fromParquet = collator.Collate(global::System.Linq.Enumerable.ToArray(parquetRecords));
                                Check.SameBatch("{{d.Name}} Parquet", written, fromParquet);
                            }
                    """);
            foreach (var model in d.ModelNames)
            {
                var type = d.GeneratedPrefix + model;
                var compare = model == "Esmm"
                    ? $"""
                      Check.Same("{d.Name} Esmm CTR", before.Ctr, after.Ctr, rows.Length);
                      Check.Same("{d.Name} Esmm CVR", before.Cvr, after.Cvr, rows.Length);
                      Check.Same("{d.Name} Esmm CTCVR", before.Ctcvr, after.Ctcvr, rows.Length);
                      Check.Close("{d.Name} Esmm CTCVR in batches of 5", before.Ctcvr, chunked.Ctcvr);
                      """
                    : $"""
                      Check.Same("{d.Name} {model}", before, after, rows.Length);
                      Check.Close("{d.Name} {model} in batches of 5", before, chunked);
                      """;
                var ctcvr = model == "Esmm" ? ".Ctcvr" : ""; // ESMM: its pCTCVR, as the check in batches of 5
                text.AppendLine($$"""
                            {
                                using var model = new {{type}}({{vocabulary}});
                                using var batch = model.CreateCollator().Collate(rows);
                                new global::RecDsl.Training.Trainer(model, new global::RecDsl.Training.TrainerOptions { Epochs = 2, BatchSize = 8 }).Fit(batch, batch);
                                checkOnnx("{{d.Name}} {{model}}", model, batch);
                                var before = model.Predict(rows);
                                var path = global::System.IO.Path.Combine(directory, "{{d.Name}}.{{model}}.recdsl");
                                model.Save(path);
                                using var reloaded = {{type}}.Load(path);
                                var after = reloaded.Predict(rows);
                                var chunked = reloaded.Predict(rows, batchSize: 5);
                                {{compare}}
                                // Another record's saved model of this kind, and a truncated copy of this one, are refused.
                                var truncated = path + ".truncated";
                                var bytes = global::System.IO.File.ReadAllBytes(path);
                                global::System.IO.File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
                                var others = global::System.Linq.Enumerable.Take(global::System.Linq.Enumerable.Where(
                                    global::System.IO.Directory.GetFiles(directory, "*.{{model}}.recdsl"), f => f != path), 3);
                                foreach (var other in global::System.Linq.Enumerable.Prepend(others, truncated))
                                {
                                    try
                                    {
                                        {{type}}.Load(other).Dispose();
                                    }
                                    catch (global::RecDsl.Training.CheckpointException e) when (e.Message.Contains(other))
                                    {
                                        continue;
                                    }
                                    throw new global::System.InvalidOperationException("{{d.Name}} {{model}}: " + other + " loaded");
                                }
                            }
                            {
                                // Resumed from the checkpoint of epoch 1, training ends where 3 uninterrupted epochs do, to the bit.
                                using var uninterrupted = new {{type}}({{vocabulary}});
                                var initial = global::System.IO.Path.Combine(directory, "{{d.Name}}.{{model}}.initial.recdsl");
                                uninterrupted.Save(initial);
                                using var interrupted = {{type}}.Load(initial);
                                using var batch = uninterrupted.CreateCollator().Collate(rows);
                                var options = new global::RecDsl.Training.TrainerOptions { Epochs = 3, BatchSize = 8, LearningRate = 0.01 };
                                new global::RecDsl.Training.Trainer(uninterrupted, options).Fit(batch, batch);
                                var checkpoint = global::System.IO.Path.Combine(directory, "{{d.Name}}.{{model}}.ckpt");
                                new global::RecDsl.Training.Trainer(interrupted, options with { Epochs = 1, CheckpointPath = checkpoint }).Fit(batch, batch);
                                using var resumed = new {{type}}({{vocabulary}});
                                new global::RecDsl.Training.Trainer(resumed, options).Resume(checkpoint, batch, batch);
                                Check.Same("{{d.Name}} {{model}} resumed", uninterrupted.Predict(rows){{ctcvr}}, resumed.Predict(rows){{ctcvr}}, rows.Length);
                            }
                    """);
            }
            text.AppendLine("        }\n    }");
        }
        return text.Append('}').ToString();
    }

    /// <summary>Rows whose ids are outside the declared ones (<c>MakeUnseen(i, shift)</c>): under OovPolicy.Throw the
    /// collator throws naming a throwing feature and row 0; otherwise each becomes the OOV row, counted per feature,
    /// so two shifts of unseen ids collate to the same tensors and an untrained model predicts the same for both.</summary>
    private static string UnseenIdsProbe(Accepted a)
    {
        var d = a.Declaration;
        var vocabulary = a.HasVocabulary ? "vocabulary" : "";
        var make = $$"""
                                var unseen = new {{d.TypeName}}[{{Rows}}];
                                var unseenAgain = new {{d.TypeName}}[{{Rows}}];
                                for (int i = 0; i < unseen.Length; i++) (unseen[i], unseenAgain[i]) = ({{d.Factory}}.MakeUnseen(i, 0), {{d.Factory}}.MakeUnseen(i, 1));
                                var collator = new {{d.GeneratedPrefix}}Collator({{vocabulary}});
            """;
        if (d.ThrowingOov.Count > 0)
        {
            var throwing = string.Join(" or ", d.ThrowingOov.Select(f => "\"" + f + "\""));
            return $$"""
                            {
            {{make}}
                                bool threw = false;
                                try
                                {
                                    using var none = collator.Collate(unseen);
                                }
                                catch (global::RecDsl.Collation.CollationException e) when (e.Member is {{throwing}} && e.Row == 0 && e.Message.Contains(e.Member))
                                {
                                    threw = true;
                                }
                                if (!threw) throw new global::System.InvalidOperationException("{{d.Name}}: no CollationException naming {{string.Join(" or ", d.ThrowingOov)}} at row 0 for unseen ids under OovPolicy.Throw");
                            }
            """;
        }
        var counts = string.Concat(d.CountedOov.Select(f => $$"""

                                if (!(collator.Oov["{{f.Feature}}"] {{(f.EveryRow ? "== " + Rows : "> 0")}}))
                                    throw new global::System.InvalidOperationException("{{d.Name}}: " + collator.Oov["{{f.Feature}}"] + " OOV ids counted for {{f.Feature}} in {{Rows}} unseen rows");
            """));
        var model = d.GeneratedPrefix + d.ModelNames[0];
        var predictions = d.ModelNames[0] == "Esmm" ? ".Ctcvr" : "";
        return $$"""
                            {
            {{make}}
                                using var once = collator.Collate(unseen);{{counts}}
                                collator.Oov.Reset();
                                using var again = collator.Collate(unseenAgain);
                                Check.SameBatch("{{d.Name}} unseen ids", once, again);
                                using var model = new {{model}}({{vocabulary}});
                                checkOnnx("{{d.Name}} {{d.ModelNames[0]}} on unseen ids", model, once);
                                Check.Same("{{d.Name}} unseen ids, {{d.ModelNames[0]}}", model.Predict(unseen){{predictions}}, model.Predict(unseenAgain){{predictions}}, {{Rows}});
                            }
            """;
    }

    /// <summary>The model's vocabularies written out and read back are accepted (equal tokens in new instances); the
    /// same file with a token appended to every table is refused by the evaluator, naming a table. Both by their
    /// contents, whatever tables the record has.</summary>
    private static string VocabularyProbe(Accepted a)
    {
        var d = a.Declaration;
        var model = d.GeneratedPrefix + d.ModelNames[0];
        return $$"""
                            {
                                using var model = new {{model}}(vocabulary);
                                using var own = model.CreateCollator().Collate(rows);
                                var saved = new global::System.IO.MemoryStream();
                                vocabulary.Save(saved);
                                var copy = {{d.GeneratedPrefix}}Vocabulary.Load(new global::System.IO.MemoryStream(saved.ToArray()));
                                using var copied = new {{d.GeneratedPrefix}}Collator(copy).Collate(rows);
                                global::RecDsl.Training.Evaluator.Evaluate(model, copied);
                                var json = global::System.Text.Json.Nodes.JsonNode.Parse(saved.ToArray())!;
                                foreach (var table in json["tables"]!.AsObject()) table.Value!.AsArray().Add("appended, not a token of the rows");
                                var other = {{d.GeneratedPrefix}}Vocabulary.Load(new global::System.IO.MemoryStream(global::System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())));
                                using var foreign = new {{d.GeneratedPrefix}}Collator(other).Collate(rows);
                                bool refused = false;
                                try
                                {
                                    global::RecDsl.Training.Evaluator.Evaluate(model, foreign);
                                }
                                catch (global::System.ArgumentException e) when (e.Message.Contains("collated with other vocabularies") && e.Message.Contains("table '"))
                                {
                                    refused = true;
                                }
                                if (!refused) throw new global::System.InvalidOperationException("{{d.Name}}: a batch collated through other vocabularies was evaluated");
                            }
            """;
    }

    private static string SourceOf(List<RandomDeclaration> declarations, Diagnostic diagnostic)
    {
        var path = diagnostic.Location.SourceTree?.FilePath ?? "";
        return path.StartsWith("User", StringComparison.Ordinal) && int.TryParse(path[4..^3], out var i) && i < declarations.Count
            ? declarations[i].Source
            : "(in " + path + ")";
    }
}
