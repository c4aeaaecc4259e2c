// RDSL0005 on a [Dense] bool or enum: writes [Sparse] instead (a flag or an enum is a category, and [Sparse] infers
// its vocabulary). The analyzer says which kind to write (FixPropertyNames.FeatureKind); no property, no fix.
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using RecDsl.Analyzers;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceFeatureKindCodeFix)), Shared]
    public sealed class ReplaceFeatureKindCodeFix : RecDslCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnsupportedMemberType);

        protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(FixPropertyNames.FeatureKind, out var kind) && kind is not null
                && SyntaxEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is { } attribute)
            {
                // The old arguments (Dense's Default) mean nothing to the new kind: the attribute is written bare.
                var replacement = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(kind)).WithTriviaFrom(attribute);
                Offer(context, diagnostic, $"Declare it [{kind}]", "ReplaceFeatureKind" + kind, r => r.ReplaceNode(attribute, replacement));
            }
            return Task.CompletedTask;
        }
    }
}
