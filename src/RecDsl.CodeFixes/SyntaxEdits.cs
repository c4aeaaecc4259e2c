// Small syntax edits the fixes share: add an attribute to a list, remove an attribute, find the attribute or
// argument expression a diagnostic points at.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RecDsl.CodeFixes
{
    internal static class SyntaxEdits
    {
        /// <summary>The attribute whose name or argument the diagnostic span covers.</summary>
        public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
            root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();

        /// <summary>The named-argument expression the diagnostic span covers.</summary>
        public static ExpressionSyntax? ArgumentExpressionAt(SyntaxNode root, TextSpan span) =>
            root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>()?.Expression;

        /// <summary><paramref name="list"/> with <c>[Name]</c> appended after ", ".</summary>
        public static AttributeListSyntax WithAttribute(AttributeListSyntax list, string name)
        {
            var attributes = list.Attributes.Add(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(name)));
            var separators = Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), attributes.Count - 1);
            return list.WithAttributes(SyntaxFactory.SeparatedList(attributes, separators));
        }

        /// <summary>The root without <paramref name="attribute"/>; its list goes too when it was the only one.</summary>
        public static SyntaxNode RemoveAttribute(SyntaxNode root, AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax list) return root;
            if (list.Attributes.Count == 1)
                return root.RemoveNode(list, SyntaxRemoveOptions.KeepExteriorTrivia) ?? root;
            var remaining = list.Attributes.Remove(attribute);
            var separators = Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), remaining.Count - 1);
            return root.ReplaceNode(list, list.WithAttributes(SyntaxFactory.SeparatedList(remaining, separators)));
        }
    }
}
