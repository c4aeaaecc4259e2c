// Derived facts the rules share: resolved embedding dimensions, vocabularies, id kinds, display names.
using System.Collections.Generic;
using System.Globalization;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Declarations
{
    internal static class RuleFacts
    {
        public static Violation Violation(string id, string? member, string? attribute, string? argument, params string[] args) =>
            new(id, member, attribute, argument, args.ToEquatableArray());

        public static Violation Violation(string id, string? member, string? attribute, string? argument, int occurrence, params string[] args) =>
            new(id, member, attribute, argument, args.ToEquatableArray(), occurrence);

        public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A type as users read it: without "global::".</summary>
        public static string Display(string fullyQualifiedName) => fullyQualifiedName.Replace("global::", "");

        /// <summary>Which application of its kind <c>member.Features[index]</c> is (0 for the first [Sparse], ...).</summary>
        public static int Occurrence(MemberDeclaration member, int index)
        {
            int occurrence = 0;
            for (int i = 0; i < index; i++)
                if (member.Features[i].Kind == member.Features[index].Kind) occurrence++;
            return occurrence;
        }

        /// <summary>The members that are well-formed features of exactly one kind whose attribute binds.</summary>
        public static IEnumerable<(MemberDeclaration Member, FeatureDeclaration Feature)> CleanFeatures(RecordDeclaration record)
        {
            foreach (var member in record.Members)
                if (member.Feature is { HasErrors: false } feature) yield return (member, feature);
        }

        /// <summary>The valid [Sparse] target of a targeted sequence, or null.</summary>
        public static MemberDeclaration? TargetOf(RecordDeclaration record, FeatureDeclaration feature)
        {
            if (feature.Kind != FeatureKindDeclaration.Sequence || feature.Target is null) return null;
            var target = record.FindMember(feature.Target);
            return target?.Feature is { Kind: FeatureKindDeclaration.Sparse } ? target : null;
        }

        public static bool IsTargeted(FeatureDeclaration feature) =>
            feature.Kind == FeatureKindDeclaration.Sequence && feature.Target is not null;

        /// <summary>The embedding dimension a feature gets in <paramref name="model"/>: its override, a targeted
        /// sequence's target's, else the model's. Dense features project to the model's.</summary>
        public static int DimensionOf(RecordDeclaration record, FeatureDeclaration feature, ModelDeclaration model)
        {
            if (feature.Kind == FeatureKindDeclaration.Dense) return model.EmbeddingDim;
            if (TargetOf(record, feature) is { Feature: { } target } && !feature.IsExplicit("EmbeddingDim"))
                return target.EmbeddingDim > 0 ? target.EmbeddingDim : model.EmbeddingDim;
            return feature.EmbeddingDim > 0 ? feature.EmbeddingDim : model.EmbeddingDim;
        }

        /// <summary>How ids map to rows: hashed into Size buckets, or a vocabulary of Size ids (enums and bools
        /// without Vocab get their inferred size; 0 = unknown).</summary>
        public static (bool Hashed, int Size) VocabularySize(MemberDeclaration member, FeatureDeclaration feature)
        {
            if (feature.IsExplicit("HashBuckets")) return (true, feature.HashBuckets);
            if (feature.IsExplicit("Vocab")) return (false, feature.Vocab);
            return member.Type.ValueShape switch
            {
                TypeShape.Bool => (false, 2),
                TypeShape.Enum => (false, member.Type.EnumValueCount),
                _ => (false, 0),
            };
        }

        /// <summary>VocabularySize for messages: "HashBuckets = 1024", "Vocab = 100".</summary>
        public static string VocabularyOf(MemberDeclaration member, FeatureDeclaration feature)
        {
            var (hashed, size) = VocabularySize(member, feature);
            if (!hashed && size == 0) return "no vocabulary";
            return (hashed ? "HashBuckets = " : "Vocab = ") + Text(size);
        }

        /// <summary>Kind of id a feature holds: integers of any width agree; enums agree only with the same enum.</summary>
        public static string IdKindOf(MemberType type) => type.ValueShape switch
        {
            TypeShape.Integer => "integer",
            TypeShape.String => "string",
            TypeShape.Bool => "bool",
            TypeShape.Enum => "enum " + Display(type.IsCollection ? type.ElementFullyQualifiedName : type.FullyQualifiedName).TrimEnd('?'),
            _ => Display(type.FullyQualifiedName),
        };

        /// <summary>"[Deep]", "[Deep] or [Wide]", "[Deep], [Wide] or [FmField]": the role markers the declared models read.</summary>
        public static string RolesOfferedBy(RecordDeclaration record)
        {
            var roles = new List<string> { "[Deep]" };
            if (record.HasModel(ModelKind.WideDeep)) roles.Add("[Wide]");
            if (record.HasModel(ModelKind.DeepFM)) roles.Add("[FmField]");
            if (roles.Count == 1) return roles[0];
            return string.Join(", ", roles.GetRange(0, roles.Count - 1)) + " or " + roles[roles.Count - 1];
        }
    }
}
