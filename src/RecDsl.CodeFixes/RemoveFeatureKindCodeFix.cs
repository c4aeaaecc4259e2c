// RDSL0002: removes the second (conflicting) feature-kind attribute, keeping the member's first kind.
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveFeatureKindCodeFix)), Shared]
    public sealed class RemoveFeatureKindCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MultipleFeatureKinds);

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (SyntaxEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } attribute) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove [{attribute.Name}]", ct => RemoveAsync(context.Document, attribute, ct), equivalenceKey: "RemoveFeatureKind"),
                    diagnostic);
            }
        }

        private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(SyntaxEdits.RemoveAttribute(root, attribute));
        }
    }
}
