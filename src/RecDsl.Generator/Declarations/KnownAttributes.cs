// Recognises RecDsl attributes by namespace and name: no Compilation lookup needed, so the generator's transform
// and the analyzers' symbol actions classify attributes the same cheap way.
using Microsoft.CodeAnalysis;

namespace RecDsl.Generator.Declarations
{
    /// <summary>The RecDsl attributes the declaration reader understands.</summary>
    internal enum RecDslAttribute
    {
        None,
        WideDeep, DeepFM, Din, Esmm,
        Sparse, Dense, Sequence,
        Wide, Deep, FmField, Group, Column,
        Label, ClickLabel, ConversionLabel,
    }

    internal static class KnownAttributes
    {
        /// <summary>Which RecDsl attribute <paramref name="attributeClass"/> is, or None.</summary>
        public static RecDslAttribute Classify(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null || attributeClass.TypeKind == TypeKind.Error) return RecDslAttribute.None;
            var ns = attributeClass.ContainingNamespace;
            if (ns is null || ns.Name != "RecDsl" || ns.ContainingNamespace is not { IsGlobalNamespace: true })
                return RecDslAttribute.None;
            if (attributeClass.ContainingType is not null) return RecDslAttribute.None;

            return attributeClass.Name switch
            {
                "WideDeepAttribute" => RecDslAttribute.WideDeep,
                "DeepFMAttribute" => RecDslAttribute.DeepFM,
                "DinAttribute" => RecDslAttribute.Din,
                "EsmmAttribute" => RecDslAttribute.Esmm,
                "SparseAttribute" => RecDslAttribute.Sparse,
                "DenseAttribute" => RecDslAttribute.Dense,
                "SequenceAttribute" => RecDslAttribute.Sequence,
                "WideAttribute" => RecDslAttribute.Wide,
                "DeepAttribute" => RecDslAttribute.Deep,
                "FmFieldAttribute" => RecDslAttribute.FmField,
                "GroupAttribute" => RecDslAttribute.Group,
                "ColumnAttribute" => RecDslAttribute.Column,
                "LabelAttribute" => RecDslAttribute.Label,
                "ClickLabelAttribute" => RecDslAttribute.ClickLabel,
                "ConversionLabelAttribute" => RecDslAttribute.ConversionLabel,
                _ => RecDslAttribute.None,
            };
        }

        /// <summary>The attribute's short name as users write it ("Sparse" for SparseAttribute), as used in
        /// <see cref="Violation.Attribute"/>.</summary>
        public static string ShortName(RecDslAttribute attribute) => attribute.ToString();

        public static bool IsModel(RecDslAttribute a) =>
            a is RecDslAttribute.WideDeep or RecDslAttribute.DeepFM or RecDslAttribute.Din or RecDslAttribute.Esmm;

        public static bool IsFeatureKind(RecDslAttribute a) =>
            a is RecDslAttribute.Sparse or RecDslAttribute.Dense or RecDslAttribute.Sequence;
    }
}
