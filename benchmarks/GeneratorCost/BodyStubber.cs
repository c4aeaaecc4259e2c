using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RecDsl.GeneratorCost;

/// <summary>Replaces every method, constructor, accessor and expression body with <c>throw null!</c> (declarations,
/// constructor initializers and property initializers stay), so that a build measures what the bodies cost.</summary>
internal sealed class BodyStubber : CSharpSyntaxRewriter
{
    private static readonly BlockSyntax Throw = Block(ThrowStatement(LiteralExpression(SyntaxKind.NullLiteralExpression)));
    private static readonly ArrowExpressionClauseSyntax ThrowArrow =
        ArrowExpressionClause(ThrowExpression(LiteralExpression(SyntaxKind.NullLiteralExpression)));

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
        node.Body is not null ? node.WithBody(Throw) : node.ExpressionBody is not null ? node.WithExpressionBody(ThrowArrow) : node;

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        node.Body is not null ? node.WithBody(Throw) : node;

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node) =>
        node.Body is not null ? node.WithBody(Throw) : node.ExpressionBody is not null ? node.WithExpressionBody(ThrowArrow) : node;

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node) =>
        node.ExpressionBody is not null ? node.WithExpressionBody(ThrowArrow) : base.VisitPropertyDeclaration(node);
}
