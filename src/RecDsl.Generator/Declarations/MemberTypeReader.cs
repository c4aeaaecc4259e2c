// Reads a member's type into the MemberType shape the rules and emitters care about.
using Microsoft.CodeAnalysis;

namespace RecDsl.Generator.Declarations
{
    internal static class MemberTypeReader
    {
        /// <summary>Largest enum value whose vocabulary is still inferred (2^24): a flags enum with huge values
        /// would otherwise ask for a huge embedding table.</summary>
        public const long MaxInferredEnumValue = 1 << 24;

        private static readonly SymbolDisplayFormat FullyQualified =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static MemberType Read(ITypeSymbol type)
        {
            var (underlying, isNullable) = Unwrap(type);
            var (collection, element) = CollectionOf(underlying);
            if (collection != CollectionKind.None && element is not null)
            {
                var (elementUnderlying, elementIsNullable) = Unwrap(element);
                return new MemberType(
                    type.ToDisplayString(FullyQualified),
                    TypeShape.Other,
                    isNullable,
                    IsCollection: true,
                    ShapeOf(elementUnderlying),
                    element.ToDisplayString(FullyQualified),
                    KeywordOf(elementUnderlying),
                    EnumValueCount(elementUnderlying),
                    collection,
                    elementIsNullable);
            }

            return new MemberType(
                type.ToDisplayString(FullyQualified),
                ShapeOf(underlying),
                isNullable,
                IsCollection: false,
                TypeShape.Other,
                "",
                KeywordOf(underlying),
                EnumValueCount(underlying),
                CollectionKind.None,
                ElementIsNullable: false);
        }

        /// <summary>Looks through Nullable&lt;T&gt;; reports nullable value types and annotated reference types.</summary>
        private static (ITypeSymbol Type, bool IsNullable) Unwrap(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
                return (nullable.TypeArguments[0], true);
            return (type, type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
        }

        private static (CollectionKind Kind, ITypeSymbol? Element) CollectionOf(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array) return (CollectionKind.Array, array.ElementType);
            if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named) return (CollectionKind.None, null);

            var element = named.TypeArguments[0];
            var definition = named.OriginalDefinition;
            switch (definition.SpecialType)
            {
                case SpecialType.System_Collections_Generic_IList_T: return (CollectionKind.IList, element);
                case SpecialType.System_Collections_Generic_IReadOnlyList_T: return (CollectionKind.IReadOnlyList, element);
                case SpecialType.System_Collections_Generic_IEnumerable_T: return (CollectionKind.IEnumerable, element);
            }

            var ns = definition.ContainingNamespace?.ToDisplayString();
            if (definition.Name == "List" && ns == "System.Collections.Generic") return (CollectionKind.List, element);
            if (definition.Name == "ImmutableArray" && ns == "System.Collections.Immutable") return (CollectionKind.ImmutableArray, element);
            return (CollectionKind.None, null);
        }

        private static TypeShape ShapeOf(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum) return TypeShape.Enum;
            return type.SpecialType switch
            {
                SpecialType.System_Boolean => TypeShape.Bool,
                SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                    or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
                    or SpecialType.System_UInt64 => TypeShape.Integer,
                SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal => TypeShape.Floating,
                SpecialType.System_String => TypeShape.String,
                _ => TypeShape.Other,
            };
        }

        private static string KeywordOf(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }) type = underlying;
            return type.SpecialType switch
            {
                SpecialType.System_Boolean => "bool",
                SpecialType.System_SByte => "sbyte",
                SpecialType.System_Byte => "byte",
                SpecialType.System_Int16 => "short",
                SpecialType.System_UInt16 => "ushort",
                SpecialType.System_Int32 => "int",
                SpecialType.System_UInt32 => "uint",
                SpecialType.System_Int64 => "long",
                SpecialType.System_UInt64 => "ulong",
                SpecialType.System_Single => "float",
                SpecialType.System_Double => "double",
                SpecialType.System_Decimal => "decimal",
                SpecialType.System_String => "string",
                _ => "",
            };
        }

        /// <summary>max value + 1 when every value is in [0, MaxInferredEnumValue]; 0 otherwise.</summary>
        private static int EnumValueCount(ITypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Enum) return 0;
            long max = -1;
            foreach (var member in type.GetMembers())
            {
                if (member is not IFieldSymbol { HasConstantValue: true } field) continue;
                long? value = field.ConstantValue switch
                {
                    sbyte v => v, byte v => v, short v => v, ushort v => v, int v => v, uint v => v, long v => v,
                    ulong v => v <= long.MaxValue ? (long)v : null,
                    _ => null,
                };
                if (value is null || value < 0 || value > MaxInferredEnumValue) return 0;
                if (value > max) max = value.Value;
            }
            return (int)(max + 1);
        }
    }
}
