// RDSL0103 (and RDSL0003 when a member matches but for case): writes Sequence.Target as nameof(Member), so a
// rename of the target updates the history's pairing. On a positional record's parameter with a `property:` (or
// `field:`) attribute target the parameters are not in scope of the attribute, so the name is qualified with the
// record: nameof(Record.Member).
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
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NameofTargetCodeFix)), Shared]
    public sealed class NameofTargetCodeFix : RecDslCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds =>
            ImmutableArray.Create(DiagnosticIds.StringTarget, DiagnosticIds.UnknownSequenceTarget);

        protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(FixPropertyNames.Nameof, out var member) && member is not null
                && SyntaxEdits.ArgumentExpressionAt(root, diagnostic.Location.SourceSpan) is { } expression)
            {
                var nameof = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.IdentifierName("nameof"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(NameOf(expression, member)))))
                    .WithTriviaFrom(expression);
                Offer(context, diagnostic, $"Use nameof({member})", "NameofTarget", r => r.ReplaceNode(expression, nameof));
            }
            return Task.CompletedTask;
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
