using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;
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
}
