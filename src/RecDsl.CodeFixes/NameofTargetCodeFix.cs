// RDSL0103 (and RDSL0003 when a member matches but for case): writes Sequence.Target as nameof(Member), so a
// rename of the target updates the history's pairing. On a positional record's parameter with a `property:` (or
// `field:`) attribute target the parameters are not in scope of the attribute, so the name is qualified with the
// record: nameof(Record.Member).
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
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NameofTargetCodeFix)), Shared]
    public sealed class NameofTargetCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds =>
            ImmutableArray.Create(DiagnosticIds.StringTarget, DiagnosticIds.UnknownSequenceTarget);

        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixPropertyNames.Nameof, out var member) || member is null) continue;
                if (SyntaxEdits.ArgumentExpressionAt(root, diagnostic.Location.SourceSpan) is not { } expression) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use nameof({member})", ct => ReplaceAsync(context.Document, expression, member, ct), equivalenceKey: "NameofTarget"),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, string member, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var nameof = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.IdentifierName("nameof"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(NameOf(expression, member)))))
                .WithTriviaFrom(expression);
            return document.WithSyntaxRoot(root.ReplaceNode(expression, nameof));
        }

        private static ExpressionSyntax NameOf(ExpressionSyntax expression, string member)
        {
            var list = expression.FirstAncestorOrSelf<AttributeListSyntax>();
            bool parametersOutOfScope = list?.Target is not null && list.Parent is ParameterSyntax;
            if (!parametersOutOfScope || expression.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } record)
                return SyntaxFactory.IdentifierName(member);
            return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.IdentifierName(record.Identifier.ValueText), SyntaxFactory.IdentifierName(member));
        }
    }
}
