// Reads one attribute application's named arguments: values (with defaults), which names were written, whether it
// bound without errors, and how Sequence.Target was written (syntax: nameof vs string literal).
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Declarations
{
    internal sealed class AttributeArguments
    {
        private readonly Dictionary<string, TypedConstant> values = new();
        private readonly List<string> written = new();
        private readonly AttributeSyntax? syntax;

        public AttributeArguments(AttributeData attribute, CancellationToken cancellationToken)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                values[pair.Key] = pair.Value;
                if (IsError(pair.Value)) HasErrors = true;
            }
            foreach (var argument in attribute.ConstructorArguments)
                if (IsError(argument)) HasErrors = true;
            if (attribute.AttributeConstructor is null) HasErrors = true;

            syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (syntax?.ArgumentList is { } list)
            {
                foreach (var argument in list.Arguments)
                {
                    if (argument.NameEquals is not { } nameEquals) continue;
                    var name = nameEquals.Name.Identifier.ValueText;
                    if (!written.Contains(name)) written.Add(name);
                    // Written but not bound: a misspelt name, a wrong type, a non-constant value.
                    if (!values.ContainsKey(name)) HasErrors = true;
                }
            }
            else
            {
                // From metadata (no syntax): every bound named argument was written.
                foreach (var pair in attribute.NamedArguments) written.Add(pair.Key);
            }
        }

        /// <summary>The attribute does not bind cleanly; the compiler reports why.</summary>
        public bool HasErrors { get; }

        /// <summary>Named arguments written in source, in source order.</summary>
        public EquatableArray<string> Written => written.ToEquatableArray();

        /// <summary>Array arguments written as null.</summary>
        public List<string> NullArrays { get; } = new();

        public int Int(string name, int defaultValue) =>
            values.TryGetValue(name, out var c) && c.Kind != TypedConstantKind.Array && c.Value is int v ? v : defaultValue;

        public double Double(string name, double defaultValue) =>
            values.TryGetValue(name, out var c) && c.Kind != TypedConstantKind.Array && c.Value is double v ? v : defaultValue;

        public bool Bool(string name, bool defaultValue) =>
            values.TryGetValue(name, out var c) && c.Kind != TypedConstantKind.Array && c.Value is bool v ? v : defaultValue;

        public string? String(string name) =>
            values.TryGetValue(name, out var c) && c.Kind != TypedConstantKind.Array ? c.Value as string : null;

        /// <summary>An int[] argument; null written explicitly reads as empty and is remembered in NullArrays.</summary>
        public EquatableArray<int> IntArray(string name, int[] defaultValue)
        {
            if (!values.TryGetValue(name, out var c) || c.Kind != TypedConstantKind.Array) return defaultValue.ToEquatableArray();
            if (c.IsNull)
            {
                NullArrays.Add(name);
                return EquatableArray<int>.Empty;
            }
            var result = new List<int>();
            foreach (var element in c.Values)
                result.Add(element.Kind != TypedConstantKind.Array && element.Value is int v ? v : 0);
            return result.ToEquatableArray();
        }

        /// <summary>The first constructor argument as a string (for [Column("name")]).</summary>
        public static string? FirstConstructorString(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                ? attribute.ConstructorArguments[0].Value as string
                : null;

        /// <summary>How the argument <paramref name="name"/> was written: nameof(...), a string literal, something else.</summary>
        public TargetForm FormOf(string name)
        {
            if (syntax?.ArgumentList is not { } list)
                return values.ContainsKey(name) ? TargetForm.Other : TargetForm.None;
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText != name) continue;
                return argument.Expression switch
                {
                    InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => TargetForm.Nameof,
                    LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => TargetForm.StringLiteral,
                    _ => TargetForm.Other,
                };
            }
            return TargetForm.None;
        }

        private static bool IsError(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Error) return true;
            if (constant.Kind != TypedConstantKind.Array || constant.IsNull) return false;
            foreach (var element in constant.Values)
                if (IsError(element)) return true;
            return false;
        }
    }
}
