// Adds the missing role marker: [Deep]/[Wide]/[FmField] to a feature without one (RDSL0101), or the marker a
// model lacks to one of the features that could carry it (RDSL0010, RDSL0011, RDSL0012). The marker goes into
// the attribute list that holds the member's feature attribute.
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Analyzers;
using RecDsl.Generator.Declarations;

namespace RecDsl.CodeFixes
{
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRoleMarkerCodeFix)), Shared]
    public sealed class AddRoleMarkerCodeFix : RecDslCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
            DiagnosticIds.FeatureWithoutRole, DiagnosticIds.NoWideFeature, DiagnosticIds.NoDeepFeature, DiagnosticIds.TooFewFmFields);

        protected override async Task RegisterAsync(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
        {
            if (SyntaxEdits.AttributeAt(root, diagnostic.Location.SourceSpan) is not { Parent: AttributeListSyntax } attribute) return;
            var properties = diagnostic.Properties;

            if (diagnostic.Id == DiagnosticIds.FeatureWithoutRole)
            {
                if (!properties.TryGetValue(FixPropertyNames.Roles, out var roles) || roles is null) return;
                foreach (var role in roles.Split(','))
                    OfferRole(context, diagnostic, attribute, role, MemberName(attribute));
                return;
            }

            if (!properties.TryGetValue(FixPropertyNames.Role, out var missing) || missing is null) return;
            if (!properties.TryGetValue(FixPropertyNames.Candidates, out var candidates) || candidates is null) return;
            var featureAttributes = await FeatureAttributesAsync(context.Document, attribute, context.CancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates.Split(','))
                if (featureAttributes.TryGetValue(candidate, out var featureAttribute))
                    OfferRole(context, diagnostic, featureAttribute, missing, candidate);
        }

        private static void OfferRole(CodeFixContext context, Diagnostic diagnostic, AttributeSyntax featureAttribute, string role, string member)
        {
            if (featureAttribute.Parent is not AttributeListSyntax list) return;
            Offer(context, diagnostic, $"Add [{role}] to '{member}'", "AddRole" + role + member,
                r => r.ReplaceNode(list, SyntaxEdits.WithAttribute(list, role)));
        }

        /// <summary>Member name -> its feature attribute in this document, for the record that carries <paramref name="modelAttribute"/>.</summary>
        private static async Task<Dictionary<string, AttributeSyntax>> FeatureAttributesAsync(Document document, AttributeSyntax modelAttribute, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, AttributeSyntax>();
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || modelAttribute.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration) return result;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type) return result;

            foreach (var member in RecordMembers.Collect(type, cancellationToken))
            {
                foreach (var attribute in member.Attributes)
                {
                    if (!KnownAttributes.IsFeatureKind(KnownAttributes.Classify(attribute.AttributeClass))) continue;
                    var reference = attribute.ApplicationSyntaxReference;
                    if (reference is not null && reference.SyntaxTree == modelAttribute.SyntaxTree
                        && reference.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                        result[member.Name] = syntax;
                    break;
                }
            }
            return result;
        }

        private static string MemberName(AttributeSyntax attribute) =>
            attribute.FirstAncestorOrSelf<SyntaxNode>(n => n is ParameterSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax) switch
            {
                ParameterSyntax parameter => parameter.Identifier.ValueText,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                FieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => field.Declaration.Variables[0].Identifier.ValueText,
                _ => "the member",
            };
    }
}
