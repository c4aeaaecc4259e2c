// RDSL0002 (one feature kind per member), RDSL0005 (member type fits its feature kind or label) and
// RDSL0007 (role markers only on features).
using System.Collections.Generic;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class FeatureKindRules
    {
        private const string IdTypes = "use an integer, enum, bool or string member";
        private const string HashedTypes = "hashing applies to string and integer ids; give Vocab instead (enums and bools may leave both out)";

        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            foreach (var member in record.Members)
            {
                for (int i = 1; i < member.Features.Count; i++)
                    violations.Add(Violation(DiagnosticIds.MultipleFeatureKinds, member.Name, member.Features[i].AttributeName, null,
                        Occurrence(member, i), record.Name, member.Name, member.Features[0].AttributeName, member.Features[i].AttributeName));

                for (int i = 0; i < member.Features.Count; i++)
                {
                    var problem = FeatureTypeProblem(member.Type, member.Features[i]);
                    if (problem is not null)
                        violations.Add(Violation(DiagnosticIds.UnsupportedMemberType, member.Name, member.Features[i].AttributeName, null,
                            Occurrence(member, i), record.Name, member.Name, Display(member.Type.FullyQualifiedName),
                            member.Features[i].AttributeName, problem));
                }

                CheckLabelType(record, member, member.Label, "Label", violations);
                CheckLabelType(record, member, member.ClickLabel, "ClickLabel", violations);
                CheckLabelType(record, member, member.ConversionLabel, "ConversionLabel", violations);
                if (member.Group && (member.Type.IsCollection || member.Type.Shape is not (TypeShape.Integer or TypeShape.Enum or TypeShape.String)))
                    violations.Add(Violation(DiagnosticIds.UnsupportedMemberType, member.Name, "Group", null,
                        record.Name, member.Name, Display(member.Type.FullyQualifiedName), "Group",
                        "gAUC groups rows by an integer, enum or string member such as the user id"));

                if (!member.IsFeature)
                {
                    if (member.Wide) violations.Add(RoleOnNonFeature(record, member, "Wide"));
                    if (member.Deep) violations.Add(RoleOnNonFeature(record, member, "Deep"));
                    if (member.FmField) violations.Add(RoleOnNonFeature(record, member, "FmField"));
                }
            }
        }

        /// <summary>Why <paramref name="type"/> cannot carry <paramref name="feature"/>, or null when it can.</summary>
        private static string? FeatureTypeProblem(MemberType type, FeatureDeclaration feature)
        {
            bool hashed = !feature.HasErrors && feature.IsExplicit("HashBuckets");
            switch (feature.Kind)
            {
                case FeatureKindDeclaration.Sparse:
                    if (type.IsCollection) return "a list of ids is a [Sequence]; [Sparse] holds one id";
                    if (type.Shape is not (TypeShape.Integer or TypeShape.Enum or TypeShape.Bool or TypeShape.String)) return IdTypes;
                    if (hashed && type.Shape is not (TypeShape.Integer or TypeShape.String)) return HashedTypes;
                    return null;
                case FeatureKindDeclaration.Dense:
                    if (!type.IsCollection && type.Shape is TypeShape.Bool or TypeShape.Enum)
                        return "use a numeric member (float, double, int or long); a " + (type.Shape == TypeShape.Bool ? "bool" : "enum")
                            + " is a category: declare it [Sparse] (it gets an embedding, its vocabulary inferred)";
                    if (type.IsCollection || type.Shape is not (TypeShape.Integer or TypeShape.Floating))
                        return "use a numeric member (float, double, int or long)";
                    return null;
                default:
                    if (!type.IsCollection)
                        return "a sequence is an array, List<T>, IList<T>, IReadOnlyList<T>, IEnumerable<T> or ImmutableArray<T> of ids"
                            // A joined list in one string ("12|40|7") is what history columns usually look like.
                            + (type.Shape == TypeShape.String ? "; for a joined list such as \"12|40|7\" declare it string[] or long[]: the CSV reader splits the column on '|' ([Column(Separator = ...)] for another)" : "");
                    if (type.ElementShape is not (TypeShape.Integer or TypeShape.Enum or TypeShape.Bool or TypeShape.String))
                        return "its items must be integer, enum, bool or string ids";
                    if (type.ElementIsNullable && type.ElementShape != TypeShape.String)
                        return "its items must not be nullable; leave missing items out of the list";
                    if (hashed && type.ElementShape is not (TypeShape.Integer or TypeShape.String)) return HashedTypes;
                    return null;
            }
        }

        private static void CheckLabelType(RecordDeclaration record, MemberDeclaration member, bool carries, string attribute, List<Violation> violations)
        {
            if (!carries) return;
            var type = member.Type;
            bool ok = !type.IsCollection && !type.IsNullable
                && (type.Shape == TypeShape.Bool || type.SpecialType is "float" or "double");
            if (!ok)
                violations.Add(Violation(DiagnosticIds.UnsupportedMemberType, member.Name, attribute, null,
                    record.Name, member.Name, Display(type.FullyQualifiedName), attribute,
                    "a label is a non-nullable bool, or a float/double in [0, 1]"
                    // 0/1 integer labels (Criteo, Avazu) are the common case: bool reads them, from CSV too.
                    + (type.Shape == TypeShape.Integer && !type.IsCollection ? "; for 0/1 labels declare it bool (the CSV reader reads 0 and 1 into bool)" : "")));
        }

        private static Violation RoleOnNonFeature(RecordDeclaration record, MemberDeclaration member, string role) =>
            Violation(DiagnosticIds.RoleOnNonFeature, member.Name, role, null, record.Name, member.Name, role);
    }
}
