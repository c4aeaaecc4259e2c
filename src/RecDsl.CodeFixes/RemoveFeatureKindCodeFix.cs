// RDSL0002: removes the second (conflicting) feature-kind attribute, keeping the member's first kind.
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveFeatureKindCodeFix)), Shared]
    public sealed class RemoveFeatureKindCodeFix : RecDslCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MultipleFeatureKinds);

        protected override Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (SyntaxEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is { } attribute)
                Offer(context, diagnostic, $"Remove [{attribute.Name}]", "RemoveFeatureKind", r => SyntaxEdits.RemoveAttribute(r, attribute));
            return Task.CompletedTask;
        }
    }
}
