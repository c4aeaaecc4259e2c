// RDSL0013: aligns an FM field's EmbeddingDim with the FM's dimension: removes the override when the FM uses the
// model's dimension, else writes the FM's dimension.
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
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlignFmDimensionCodeFix)), Shared]
    public sealed class AlignFmDimensionCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.FmDimensionMismatch);

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixPropertyNames.Dimension, out var dimension) || dimension is null) continue;
                if (!int.TryParse(dimension, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)) continue;
                if (SyntaxEdits.ArgumentExpressionAt(root, diagnostic.Location.SourceSpan)?.Parent is not AttributeArgumentSyntax argument) continue;
                bool remove = diagnostic.Properties.TryGetValue(FixPropertyNames.RemoveOverride, out var flag) && flag == "true";

                var title = remove ? $"Remove EmbeddingDim (use the model's {dimension})" : $"Set EmbeddingDim = {dimension}";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => AlignAsync(context.Document, argument, remove, value, ct), equivalenceKey: "AlignFmDimension"),
                    diagnostic);
            }
        }

        private static async Task<Document> AlignAsync(Document document, AttributeArgumentSyntax argument, bool remove, int value, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || argument.Parent is not AttributeArgumentListSyntax list) return document;
            if (!remove)
            {
                var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value))
                    .WithTriviaFrom(argument.Expression);
                return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal));
            }

            var remaining = list.Arguments.Remove(argument);
            if (remaining.Count == 0 && list.Parent is AttributeSyntax attribute)
                return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(null)));
            var separators = System.Linq.Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), remaining.Count - 1);
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(SyntaxFactory.SeparatedList(remaining, separators))));
        }
    }
}
