// RDSL0005 on a [Dense] bool or enum: writes [Sparse] instead (a flag or an enum is a category, and [Sparse] infers
// its vocabulary). The analyzer says which kind to write (FixPropertyNames.FeatureKind); no property, no fix.
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Analyzers;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceFeatureKindCodeFix)), Shared]
    public sealed class ReplaceFeatureKindCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UnsupportedMemberType);

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixPropertyNames.FeatureKind, out var kind) || kind is null) continue;
                if (SyntaxEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } attribute) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Declare it [{kind}]", ct => ReplaceAsync(context.Document, attribute, kind, ct), equivalenceKey: "ReplaceFeatureKind" + kind),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, AttributeSyntax attribute, string kind, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            // The old arguments (Dense's Default) mean nothing to the new kind: the attribute is written bare.
            var replacement = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(kind)).WithTriviaFrom(attribute);
            return document.WithSyntaxRoot(root.ReplaceNode(attribute, replacement));
        }
    }
}
