// Results of the pipeline steps. Must be cacheable: records of equatable data only (no ISymbol, SyntaxNode,
// Location or Compilation), or the incremental pipeline roots old compilations and never caches.
using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Diagnostics;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Parsing
{
    /// <summary>A valid declaration, or why reading failed.</summary>
    internal sealed record ParseResult(RecordDeclaration? Declaration, GeneratorFailure? Failure);

    /// <summary>A resolved spec, or why reading or resolving failed.</summary>
    internal sealed record SpecResult(RecordSpec? Spec, GeneratorFailure? Failure)
    {
        public static SpecResult From(ParseResult parsed, CancellationToken cancellationToken)
        {
            if (parsed.Failure is not null) return new SpecResult(null, parsed.Failure);
            var declaration = parsed.Declaration!;
            try
            {
                return new SpecResult(SpecBuilder.Build(declaration, cancellationToken), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new SpecResult(null, new GeneratorFailure(
                    declaration.FullyQualifiedName.Replace("global::", ""), "resolving the declaration", exception.GetType().Name + ": " + exception.Message, null));
            }
        }
    }

    /// <summary>An internal generator failure, reported as RDSL0900.</summary>
    /// <param name="Stage">What the generator was doing ("reading the declaration", "emitting").</param>
    internal sealed record GeneratorFailure(string RecordName, string Stage, string Message, LocationInfo? Location)
    {
        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(GeneratorDiagnostics.InternalError, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, RecordName, Stage, Message);
    }

    /// <summary>A Location as data (file, span, line span), so it can live in a cached step output.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location location) =>
            location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
