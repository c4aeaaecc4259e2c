using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;

namespace RecDsl.Generator.Parsing
{
    /// <summary>The transform of the ForAttributeWithMetadataName step: the only place the generator touches symbols.
    /// Everything it returns is equatable data (no ISymbol, SyntaxNode or Compilation).</summary>
    internal static class RecordParser
    {
        // Fixed precedence: a record is owned by the provider of the first of these it carries.
        private static readonly string[] ModelAttributes =
        {
            KnownTypeNames.WideDeep, KnownTypeNames.DeepFM, KnownTypeNames.Din, KnownTypeNames.Esmm,
        };

        /// <summary>The record's declaration when it is valid and owned by <paramref name="modelAttribute"/>'s provider;
        /// null when another provider owns it or DeclarationRules finds an error (the analyzers report it); a failure
        /// when reading threw.</summary>
        public static ParseResult? Parse(GeneratorAttributeSyntaxContext context, string modelAttribute, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type
                ? Parse(type, context.TargetNode.GetLocation(), modelAttribute, DeclarationReader.Read, cancellationToken)
                : null;

        /// <summary><see cref="Parse(GeneratorAttributeSyntaxContext, string, CancellationToken)"/> with the reader as a
        /// parameter, so a test can make reading throw and see the failure it becomes.</summary>
        internal static ParseResult? Parse(INamedTypeSymbol type, Location location, string modelAttribute,
            Func<INamedTypeSymbol, CancellationToken, RecordDeclaration?> read, CancellationToken cancellationToken)
        {
            try
            {
                if (!Owns(type, modelAttribute)) return null;
                var declaration = read(type, cancellationToken);
                if (declaration is null || !DeclarationRules.CanGenerate(declaration)) return null;
                return new ParseResult(declaration, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new ParseResult(null, new GeneratorFailure(
                    type.ToDisplayString(), "reading the declaration", exception.GetType().Name + ": " + exception.Message,
                    LocationInfo.From(location)));
            }
        }

        private static bool Owns(INamedTypeSymbol type, string modelAttribute)
        {
            foreach (var candidate in ModelAttributes)
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass is { } attributeClass && MetadataNameOf(attributeClass) == candidate)
                        return candidate == modelAttribute;
                }
            }
            return false;
        }

        private static string MetadataNameOf(INamedTypeSymbol type) =>
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
    }
}
