// Symbols -> declaration model. The only place (with its helpers) that reads RecDsl attributes from Roslyn
// symbols; the generator and the analyzers both call it, so they see the same declaration.
// It never throws on half-written code: unbound attributes are marked HasErrors and read with defaults.
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Declarations
{
    internal static class DeclarationReader
    {
        /// <summary>Reads <paramref name="type"/> into a declaration, or returns null when it carries no RecDsl model
        /// attribute ([WideDeep], [DeepFM], [Din], [Esmm]).</summary>
        public static RecordDeclaration? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var models = new List<ModelDeclaration>();
            foreach (var attribute in type.GetAttributes())
            {
                var kind = KnownAttributes.Classify(attribute.AttributeClass);
                if (KnownAttributes.IsModel(kind)) models.Add(ReadModel(kind, attribute, cancellationToken));
            }
            if (models.Count == 0) return null;

            // Properties with a compiler-made backing field (auto-properties) store their value; the others compute it.
            var stored = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in type.GetMembers())
                if (symbol is IFieldSymbol { AssociatedSymbol: { } owner }) stored.Add(owner);

            var members = new List<MemberDeclaration>();
            var sources = RecordMembers.Collect(type, cancellationToken);
            foreach (var source in sources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                members.Add(ReadMember(source, stored, cancellationToken));
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            return new RecordDeclaration(
                ns,
                type.Name,
                MetadataNameOf(type),
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                KindOf(type),
                ContainingTypesOf(type),
                IsGeneric: type.TypeParameters.Length > 0,
                IsAccessible: IsAccessibleFromAssembly(type),
                IsPublic: IsPublicAllTheWayOut(type),
                models.ToEquatableArray(),
                members.ToEquatableArray(),
                type.IsAbstract,
                HasParameterlessConstructor(type),
                InheritsRequiredMembers(type),
                InheritedAnnotations(type, sources, cancellationToken));
        }

        /// <summary>Whether <paramref name="type"/> carries a RecDsl model attribute (a cheap pre-check).</summary>
        public static bool HasModelAttribute(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
                if (KnownAttributes.IsModel(KnownAttributes.Classify(attribute.AttributeClass))) return true;
            return false;
        }

        private static ModelDeclaration ReadModel(RecDslAttribute attribute, AttributeData data, CancellationToken cancellationToken)
        {
            var kind = attribute switch
            {
                RecDslAttribute.WideDeep => ModelKind.WideDeep,
                RecDslAttribute.DeepFM => ModelKind.DeepFM,
                RecDslAttribute.Din => ModelKind.Din,
                _ => ModelKind.Esmm,
            };
            var args = new AttributeArguments(data, cancellationToken);
            var none = System.Array.Empty<int>();
            bool esmm = kind == ModelKind.Esmm, din = kind == ModelKind.Din;
            return new ModelDeclaration(
                kind,
                args.Int("EmbeddingDim", ModelDefaults.EmbeddingDim),
                esmm ? EquatableArray<int>.Empty : args.IntArray("Hidden", ModelDefaults.Hidden),
                din ? args.IntArray("AttentionHidden", ModelDefaults.AttentionHidden) : none.ToEquatableArray(),
                esmm ? args.IntArray("CtrHidden", ModelDefaults.TowerHidden) : none.ToEquatableArray(),
                esmm ? args.IntArray("CvrHidden", ModelDefaults.TowerHidden) : none.ToEquatableArray(),
                args.Double("Dropout", ModelDefaults.Dropout),
                din && args.Bool("AttentionSoftmax", ModelDefaults.AttentionSoftmax),
                args.Int("Activation", ModelDefaults.ActivationOf(kind)),
                args.Written,
                args.NullArrays.ToEquatableArray(),
                args.HasErrors);
        }

        private static MemberDeclaration ReadMember(MemberSource source, HashSet<ISymbol> stored, CancellationToken cancellationToken)
        {
            var features = new List<FeatureDeclaration>();
            bool wide = false, deep = false, fm = false, label = false, click = false, conversion = false, group = false;
            string? columnName = null;
            char separator = '|';

            foreach (var attribute in source.Attributes)
            {
                var kind = KnownAttributes.Classify(attribute.AttributeClass);
                switch (kind)
                {
                    case RecDslAttribute.Sparse:
                    case RecDslAttribute.Dense:
                    case RecDslAttribute.Sequence:
                        features.Add(ReadFeature(kind, attribute, cancellationToken));
                        break;
                    case RecDslAttribute.Wide: wide = true; break;
                    case RecDslAttribute.Deep: deep = true; break;
                    case RecDslAttribute.FmField: fm = true; break;
                    case RecDslAttribute.Label: label = true; break;
                    case RecDslAttribute.ClickLabel: click = true; break;
                    case RecDslAttribute.ConversionLabel: conversion = true; break;
                    case RecDslAttribute.Group: group = true; break;
                    case RecDslAttribute.Column:
                        columnName = AttributeArguments.FirstConstructorString(attribute);
                        foreach (var pair in attribute.NamedArguments)
                            if (pair.Key == "Separator" && pair.Value.Kind == TypedConstantKind.Primitive && pair.Value.Value is char c)
                                separator = c;
                        break;
                }
            }

            var type = source.Symbol switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => source.Parameter!.Type,
            };

            return new MemberDeclaration(
                source.Name,
                MemberTypeReader.Read(type),
                features.ToEquatableArray(),
                wide, deep, fm, label, click, conversion, group,
                columnName,
                separator,
                IsReadable(source.Symbol),
                IsWritable(source.Symbol),
                source.Symbol is IFieldSymbol ? MemberSymbolKind.Field : MemberSymbolKind.Property,
                source.PositionalIndex,
                source.Symbol switch { IPropertySymbol p => p.IsRequired, IFieldSymbol f => f.IsRequired, _ => false },
                IsComputed: source.Parameter is null && source.Symbol is IPropertySymbol { SetMethod: null } computed && !stored.Contains(computed));
        }

        private static FeatureDeclaration ReadFeature(RecDslAttribute kind, AttributeData data, CancellationToken cancellationToken)
        {
            var args = new AttributeArguments(data, cancellationToken);
            bool sequence = kind == RecDslAttribute.Sequence, dense = kind == RecDslAttribute.Dense;
            return new FeatureDeclaration(
                kind switch
                {
                    RecDslAttribute.Sparse => FeatureKindDeclaration.Sparse,
                    RecDslAttribute.Dense => FeatureKindDeclaration.Dense,
                    _ => FeatureKindDeclaration.Sequence,
                },
                dense ? 0 : args.Int("Vocab", 0),
                dense ? 0 : args.Int("HashBuckets", 0),
                dense ? 0 : args.Int("EmbeddingDim", 0),
                dense ? null : args.String("Table"),
                dense ? FeatureDeclaration.DefaultOovPolicy : args.Int("Oov", FeatureDeclaration.DefaultOovPolicy),
                sequence ? args.Int("MaxLen", FeatureDeclaration.DefaultMaxLen) : FeatureDeclaration.DefaultMaxLen,
                sequence ? args.Int("Pooling", FeatureDeclaration.DefaultPooling) : FeatureDeclaration.DefaultPooling,
                sequence ? args.String("Target") : null,
                sequence ? args.FormOf("Target") : TargetForm.None,
                dense ? args.Double("Default", double.NaN) : double.NaN,
                args.Written,
                args.HasErrors);
        }

        private static bool IsReadable(ISymbol? symbol) => symbol switch
        {
            IPropertySymbol property => property.GetMethod is { } getter && IsAssemblyVisible(getter.DeclaredAccessibility),
            IFieldSymbol field => IsAssemblyVisible(field.DeclaredAccessibility),
            _ => false,
        };

        private static bool IsWritable(ISymbol? symbol) => symbol switch
        {
            IPropertySymbol property => property.SetMethod is { } setter && IsAssemblyVisible(setter.DeclaredAccessibility),
            IFieldSymbol field => !field.IsReadOnly && IsAssemblyVisible(field.DeclaredAccessibility),
            _ => false,
        };

        /// <summary>A declared (or implicit) constructor without parameters decides; a struct without one still has
        /// its default constructor.</summary>
        private static bool HasParameterlessConstructor(INamedTypeSymbol type)
        {
            foreach (var constructor in type.InstanceConstructors)
                if (constructor.Parameters.Length == 0) return IsAssemblyVisible(constructor.DeclaredAccessibility);
            return type.IsValueType;
        }

        private static bool InheritsRequiredMembers(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
                foreach (var member in t.GetMembers())
                    if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }) return true;
            return false;
        }

        /// <summary>Annotated members of base types (nearest base first) that <paramref name="own"/> does not declare
        /// again: with a property or field of its own, or with RecDsl attributes on a positional parameter (whose
        /// property is then the inherited one). Reading inherited members would need the base's constructor in the
        /// generated reader; one record can carry several model attributes instead, which is what sharing features needs.</summary>
        private static EquatableArray<InheritedAnnotation> InheritedAnnotations(INamedTypeSymbol type, List<MemberSource> own,
            CancellationToken cancellationToken)
        {
            var redeclared = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var source in own)
                if ((source.Symbol is not null && !source.SymbolIsInherited) || FirstRecDslAttribute(source) is not null) redeclared.Add(source.Name);
            var found = new List<InheritedAnnotation>();
            for (var t = type.BaseType; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
                foreach (var source in RecordMembers.Collect(t, cancellationToken))
                    if (FirstRecDslAttribute(source) is { } attribute && redeclared.Add(source.Name))
                        found.Add(new InheritedAnnotation(source.Name, t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                            KnownAttributes.ShortName(attribute)));
            return found.ToEquatableArray();
        }

        private static RecDslAttribute? FirstRecDslAttribute(MemberSource source)
        {
            foreach (var attribute in source.Attributes)
            {
                var kind = KnownAttributes.Classify(attribute.AttributeClass);
                if (kind != RecDslAttribute.None && !KnownAttributes.IsModel(kind)) return kind;
            }
            return null;
        }

        /// <summary>Callable from another type of the same assembly (where generated code lives).</summary>
        private static bool IsAssemblyVisible(Accessibility accessibility) =>
            accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                if (!IsAssemblyVisible(t.DeclaredAccessibility) || t.IsFileLocal) return false;
            return true;
        }

        private static bool IsPublicAllTheWayOut(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
                if (t.DeclaredAccessibility != Accessibility.Public) return false;
            return true;
        }

        private static TypeDeclarationKind KindOf(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => TypeDeclarationKind.RecordStruct,
            (true, _) => TypeDeclarationKind.RecordClass,
            (false, TypeKind.Struct) => TypeDeclarationKind.Struct,
            _ => TypeDeclarationKind.Class,
        };

        private static EquatableArray<ContainingTypeDeclaration> ContainingTypesOf(INamedTypeSymbol type)
        {
            var chain = new List<ContainingTypeDeclaration>();
            for (var t = type.ContainingType; t is not null; t = t.ContainingType)
                chain.Insert(0, new ContainingTypeDeclaration(t.Name, KindOf(t), t.TypeParameters.Length > 0, t.IsStatic));
            return chain.ToEquatableArray();
        }

        /// <summary>"Shop.Outer+AdClick" (generic arity kept as `1), unique per type, for hint names.</summary>
        private static string MetadataNameOf(INamedTypeSymbol type)
        {
            var name = type.MetadataName;
            for (var t = type.ContainingType; t is not null; t = t.ContainingType) name = t.MetadataName + "+" + name;
            var ns = type.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }
    }
}
