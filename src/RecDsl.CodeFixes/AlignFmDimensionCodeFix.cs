// RDSL0013: aligns an FM field's EmbeddingDim with the FM's dimension: removes the override when the FM uses the
// model's dimension, else writes the FM's dimension.
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Analyzers;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlignFmDimensionCodeFix)), Shared]
    public sealed class AlignFmDimensionCodeFix : RecDslCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.FmDimensionMismatch);

        protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixPropertyNames.Dimension, out var dimension) || dimension is null) return Task.CompletedTask;
            if (!int.TryParse(dimension, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)) return Task.CompletedTask;
            if (SyntaxEdits.ArgumentExpressionAt(root, diagnostic.Location.SourceSpan)?.Parent is not AttributeArgumentSyntax argument) return Task.CompletedTask;
            bool remove = diagnostic.Properties.TryGetValue(FixPropertyNames.RemoveOverride, out var flag) && flag == "true";

            if (remove)
                Offer(context, diagnostic, $"Remove EmbeddingDim (use the model's {dimension})", "AlignFmDimension", r => SyntaxEdits.RemoveArgument(r, argument));
            else
            {
                var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value))
                    .WithTriviaFrom(argument.Expression);
                Offer(context, diagnostic, $"Set EmbeddingDim = {dimension}", "AlignFmDimension", r => r.ReplaceNode(argument.Expression, literal));
            }
            return Task.CompletedTask;
        }
    }
}
