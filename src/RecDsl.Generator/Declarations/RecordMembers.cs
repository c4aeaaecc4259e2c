// Which symbols make up a record's members: instance properties and fields, with the primary-constructor
// parameter of a positional record merged into its property. Used by the reader to read members and by the
// analyzers to find the syntax a violation points at, so both walk attributes in the same order.
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RecDsl.Generator.Declarations
{
    /// <summary>The symbols behind one member: the property or field, and the positional parameter if any.</summary>
    internal sealed class MemberSource
    {
        public MemberSource(string name, ISymbol? symbol, IParameterSymbol? parameter, int positionalIndex, bool symbolIsInherited = false)
        {
            Name = name;
            Symbol = symbol;
            Parameter = parameter;
            PositionalIndex = positionalIndex;
            SymbolIsInherited = symbolIsInherited;
        }

        public string Name { get; }

        /// <summary>The property or field; for a positional parameter whose property a base record declares
        /// (<c>record R(int C) : B(C)</c>), that inherited property. Null only if no property exists at all.</summary>
        public ISymbol? Symbol { get; }

        /// <summary><see cref="Symbol"/> is declared on a base type: its attributes belong to the base's declaration
        /// and are not read here.</summary>
        public bool SymbolIsInherited { get; }

        public IParameterSymbol? Parameter { get; }

        public int PositionalIndex { get; }

        /// <summary>Attributes on the parameter (written without a target), then on the property or field
        /// (written on it, or on the parameter with <c>property:</c>).</summary>
        public IEnumerable<AttributeData> Attributes
        {
            get
            {
                if (Parameter is not null)
                    foreach (var attribute in Parameter.GetAttributes()) yield return attribute;
                if (Symbol is not null && !SymbolIsInherited)
                    foreach (var attribute in Symbol.GetAttributes()) yield return attribute;
            }
        }
    }

    internal static class RecordMembers
    {
        /// <summary>The members of <paramref name="type"/>: positional ones first in parameter order, then the other
        /// instance properties and fields in declaration order. Static, implicitly declared (EqualityContract,
        /// backing fields) and indexer members are left out; inherited members too.</summary>
        public static List<MemberSource> Collect(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var declared = new List<ISymbol>();
            foreach (var symbol in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (IsInstanceDataMember(symbol)) declared.Add(symbol);
            }

            var result = new List<MemberSource>();
            var parameters = PrimaryConstructorParameters(type, cancellationToken);
            var taken = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (int i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                var symbol = declared.Find(s => s.Name == parameter.Name);
                if (symbol is not null)
                {
                    taken.Add(symbol);
                    result.Add(new MemberSource(parameter.Name, symbol, parameter, i));
                }
                else
                {
                    // No property of its own: the compiler uses the base record's property of that name.
                    var inherited = InheritedProperty(type, parameter.Name);
                    result.Add(new MemberSource(parameter.Name, inherited, parameter, i, symbolIsInherited: inherited is not null));
                }
            }

            foreach (var symbol in declared)
                if (!taken.Contains(symbol)) result.Add(new MemberSource(symbol.Name, symbol, null, -1));
            return result;
        }

        /// <summary>Parameters of a positional record's primary constructor (empty for other types: the primary
        /// constructor parameters of a plain class or struct are not members).</summary>
        public static ImmutableArray<IParameterSymbol> PrimaryConstructorParameters(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (!type.IsRecord) return ImmutableArray<IParameterSymbol>.Empty;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not RecordDeclarationSyntax { ParameterList: not null } declaration)
                    continue;
                foreach (var constructor in type.InstanceConstructors)
                    foreach (var constructorReference in constructor.DeclaringSyntaxReferences)
                        if (constructorReference.SyntaxTree == reference.SyntaxTree
                            && constructorReference.Span == declaration.Span)
                            return constructor.Parameters;
            }
            return ImmutableArray<IParameterSymbol>.Empty;
        }

        private static IPropertySymbol? InheritedProperty(INamedTypeSymbol type, string name)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
                foreach (var member in t.GetMembers(name))
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property) return property;
            return null;
        }

        private static bool IsInstanceDataMember(ISymbol symbol) => symbol switch
        {
            IPropertySymbol property => !property.IsStatic && !property.IsIndexer && !property.IsImplicitlyDeclared,
            IFieldSymbol field => !field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared && field.AssociatedSymbol is null,
            _ => false,
        };
    }
}
