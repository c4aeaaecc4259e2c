// Finds the narrowest source span for a violation: the named argument's expression, else the attribute's name,
// else the member's identifier, else the record's identifier. Walks members and attributes in the reader's order
// (RecordMembers), so Violation.Occurrence picks the same attribute the rule looked at.
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers
{
    internal sealed class ViolationLocator
    {
        private readonly INamedTypeSymbol type;
        private readonly CancellationToken cancellationToken;
        private List<MemberSource>? members;

        public ViolationLocator(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            this.type = type;
            this.cancellationToken = cancellationToken;
        }

        public Location Locate(Violation violation)
        {
            if (violation.Member is null)
            {
                if (violation.Attribute is not null
                    && FindAttribute(type.GetAttributes(), violation.Attribute, violation.Occurrence) is { } modelAttribute)
                    return AttributeLocation(modelAttribute, violation.Argument);
                return TypeIdentifier();
            }

            var member = FindMember(violation.Member);
            if (member is null) return TypeIdentifier();
            if (violation.Attribute is not null
                && FindAttribute(member.Attributes, violation.Attribute, violation.Occurrence) is { } attribute)
                return AttributeLocation(attribute, violation.Argument);
            return MemberIdentifier(member);
        }

        private MemberSource? FindMember(string name)
        {
            members ??= RecordMembers.Collect(type, cancellationToken);
            foreach (var member in members)
                if (member.Name == name) return member;
            return null;
        }

        private static AttributeSyntax? FindAttribute(IEnumerable<AttributeData> attributes, string shortName, int occurrence, CancellationToken cancellationToken = default)
        {
            int seen = 0;
            foreach (var attribute in attributes)
            {
                if (KnownAttributes.ShortName(KnownAttributes.Classify(attribute.AttributeClass)) != shortName) continue;
                if (seen++ != occurrence) continue;
                return attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            }
            return null;
        }

        /// <summary>The argument's expression when it is written, else the attribute's name.</summary>
        private static Location AttributeLocation(AttributeSyntax attribute, string? argument)
        {
            if (argument is not null && attribute.ArgumentList is { } list)
                foreach (var written in list.Arguments)
                    if (written.NameEquals?.Name.Identifier.ValueText == argument)
                        return written.Expression.GetLocation();
            return attribute.Name.GetLocation();
        }

        private Location MemberIdentifier(MemberSource member)
        {
            ISymbol? symbol = (ISymbol?)member.Parameter ?? member.Symbol;
            foreach (var reference in symbol?.DeclaringSyntaxReferences ?? default)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case ParameterSyntax parameter: return parameter.Identifier.GetLocation();
                    case PropertyDeclarationSyntax property: return property.Identifier.GetLocation();
                    case VariableDeclaratorSyntax field: return field.Identifier.GetLocation();
                }
            }
            return TypeIdentifier();
        }

        private Location TypeIdentifier()
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is BaseTypeDeclarationSyntax declaration)
                    return declaration.Identifier.GetLocation();
            return type.Locations.Length > 0 ? type.Locations[0] : Location.None;
        }
    }
}
