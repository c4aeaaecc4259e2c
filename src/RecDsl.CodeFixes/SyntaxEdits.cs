// Small syntax edits the fixes share: add an attribute to a list, remove an attribute or an attribute argument, find
// the attribute or argument expression a diagnostic points at.
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
            return list.WithAttributes(CommaSeparated(attributes));
        }

        /// <summary>The root without <paramref name="argument"/>; the attribute loses its parentheses when it was the
        /// only argument.</summary>
        public static SyntaxNode RemoveArgument(SyntaxNode root, AttributeArgumentSyntax argument)
        {
            if (argument.Parent is not AttributeArgumentListSyntax list) return root;
            var remaining = list.Arguments.Remove(argument);
            if (remaining.Count == 0 && list.Parent is AttributeSyntax attribute)
                return root.ReplaceNode(attribute, attribute.WithArgumentList(null));
            return root.ReplaceNode(list, list.WithArguments(CommaSeparated(remaining)));
        }

        /// <summary>The root without <paramref name="attribute"/>; its list goes too when it was the only one.</summary>
        public static SyntaxNode RemoveAttribute(SyntaxNode root, AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax list) return root;
            if (list.Attributes.Count == 1)
                return root.RemoveNode(list, SyntaxRemoveOptions.KeepExteriorTrivia) ?? root;
            var remaining = list.Attributes.Remove(attribute);
            return root.ReplaceNode(list, list.WithAttributes(CommaSeparated(remaining)));
        }

        /// <summary>The nodes separated by ", " (the separators a removal or an addition would otherwise leave as they were).</summary>
        private static SeparatedSyntaxList<T> CommaSeparated<T>(SeparatedSyntaxList<T> nodes) where T : SyntaxNode =>
            SyntaxFactory.SeparatedList(nodes, Enumerable.Repeat(
                SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(nodes.Count - 1, 0)));
    }
}
