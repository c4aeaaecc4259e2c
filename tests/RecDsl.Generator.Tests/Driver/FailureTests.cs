using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Emitting;
using RecDsl.Generator.Model;
using RecDsl.Generator.Parsing;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Driver;

/// <summary>Internal failures never throw into the compiler: they become an RDSL0900 warning and no output.</summary>
public class FailureTests
{
    [Fact]
    public void A_declaration_the_spec_builder_cannot_resolve_becomes_an_rdsl0900_warning()
    {
        // A string sparse feature with neither Vocab nor HashBuckets: the rules reject it (RDSL0006), so this can only
        // reach the spec builder through a bug; it must come out as a failure, not an exception.
        var broken = Declare.Record("NS", "Broken", new[] { Declare.ModelOf(ModelKind.DeepFM) },
            new[] { Declare.Sparse("Site", Declare.StringType), Declare.Label("Y", Declare.BoolType) });
        var result = SpecResult.From(new ParseResult(broken, null), CancellationToken.None);
        Assert.Null(result.Spec);
        var diagnostic = result.Failure!.ToDiagnostic();
        Assert.Equal("RDSL0900", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("NS.Broken", diagnostic.GetMessage());
        Assert.Contains("Site", diagnostic.GetMessage());
    }

    [Fact]
    public void A_reader_that_throws_becomes_an_rdsl0900_warning_at_the_record()
    {
        var (type, location) = AdClickSymbol();
        // The real reader, for contrast: the sample reads as its declaration, in the provider of its first model
        // attribute by precedence ([DeepFM, WideDeep] is owned by WideDeep's); the other provider gets nothing.
        Assert.NotNull(RecordParser.Parse(type, location, KnownTypeNames.WideDeep, DeclarationReader.Read, CancellationToken.None)!.Declaration);
        Assert.Null(RecordParser.Parse(type, location, KnownTypeNames.DeepFM, DeclarationReader.Read, CancellationToken.None));

        var result = RecordParser.Parse(type, location, KnownTypeNames.WideDeep,
            (_, _) => throw new InvalidOperationException("no constant value for Vocab"), CancellationToken.None);
        Assert.Null(result!.Declaration);
        var diagnostic = result.Failure!.ToDiagnostic();
        Assert.Equal("RDSL0900", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Shop.AdClick", diagnostic.GetMessage());
        Assert.Contains("reading the declaration", diagnostic.GetMessage());
        Assert.Contains("InvalidOperationException: no constant value for Vocab", diagnostic.GetMessage());
        Assert.Equal(location.GetLineSpan(), diagnostic.Location.GetLineSpan());
    }

    [Fact]
    public void Cancellation_is_not_a_failure()
    {
        var (type, location) = AdClickSymbol();
        Assert.Throws<OperationCanceledException>(() => RecordParser.Parse(type, location, KnownTypeNames.WideDeep,
            (_, _) => throw new OperationCanceledException(), CancellationToken.None));
        var spec = SpecResult.From(new ParseResult(Samples.AdClick.Declaration, null), CancellationToken.None);
        Assert.Throws<OperationCanceledException>(() => RecModelGenerator.EmitFiles(spec, _ => throw new OperationCanceledException()));
    }

    [Fact]
    public void An_emitter_that_throws_half_way_gives_no_files_and_an_rdsl0900_warning()
    {
        var spec = SpecResult.From(new ParseResult(Samples.AdClick.Declaration, null), CancellationToken.None);
        var (all, none) = RecModelGenerator.EmitFiles(spec, RecordEmitter.Emit);
        Assert.Null(none);
        Assert.True(all.Count > 2, $"{all.Count} files");

        // The schema and the batch are made, then the collator's emitter throws: none of the three may be added.
        IEnumerable<GeneratedFile> FailingAfterTwo(RecordSpec s)
        {
            foreach (var file in RecordEmitter.Emit(s).Take(2)) yield return file;
            throw new IndexOutOfRangeException("Index was outside the bounds of the array.");
        }
        var (files, failure) = RecModelGenerator.EmitFiles(spec, FailingAfterTwo);
        Assert.Empty(files);
        var diagnostic = failure!.ToDiagnostic();
        Assert.Equal("RDSL0900", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Shop.AdClick", diagnostic.GetMessage());
        Assert.Contains("emitting", diagnostic.GetMessage());
        Assert.Contains("IndexOutOfRangeException", diagnostic.GetMessage());
    }

    [Fact]
    public void A_failure_from_an_earlier_step_is_passed_on_without_emitting()
    {
        var earlier = new GeneratorFailure("Shop.AdClick", "reading the declaration", "boom", null);
        var (files, failure) = RecModelGenerator.EmitFiles(new SpecResult(null, earlier),
            _ => throw new InvalidOperationException("the emitter must not run"));
        Assert.Empty(files);
        Assert.Same(earlier, failure);
    }

    private static (INamedTypeSymbol Type, Location Location) AdClickSymbol()
    {
        var compilation = TestCompilation.Create(Samples.AdClick.Source);
        var type = compilation.GetTypeByMetadataName("Shop.AdClick")!;
        return (type, type.DeclaringSyntaxReferences[0].GetSyntax().GetLocation());
    }
}
