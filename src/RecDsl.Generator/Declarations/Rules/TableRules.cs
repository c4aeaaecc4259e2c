// RDSL0017: features that share an embedding table (same Table name; a feature's table is its own name unless
// it sets Table) must agree on vocabulary, dimension and id kind. Targeted sequences use their target's table
// (conflicts there are RDSL0014).
using System.Collections.Generic;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class TableRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            var tables = new Dictionary<string, List<(MemberDeclaration Member, FeatureDeclaration Feature)>>();
            var order = new List<string>();
            foreach (var (member, feature) in CleanFeatures(record))
            {
                if (feature.Kind == FeatureKindDeclaration.Dense || IsTargeted(feature)) continue;
                var table = feature.Table ?? member.Name;
                if (!tables.TryGetValue(table, out var group))
                {
                    tables[table] = group = new();
                    order.Add(table);
                }
                group.Add((member, feature));
            }

            foreach (var table in order)
            {
                var group = tables[table];
                var (first, firstFeature) = group[0];
                for (int i = 1; i < group.Count; i++)
                {
                    var (member, feature) = group[i];
                    var detail = Disagreement(record, first, firstFeature, member, feature);
                    if (detail is null) continue;
                    violations.Add(Violation(DiagnosticIds.SharedTableMismatch, member.Name, feature.AttributeName,
                        feature.IsExplicit("Table") ? "Table" : null,
                        record.Name, member.Name, table, first.Name, detail));
                }
            }
        }

        private static string? Disagreement(RecordDeclaration record, MemberDeclaration first, FeatureDeclaration firstFeature,
            MemberDeclaration member, FeatureDeclaration feature)
        {
            string vocabulary = VocabularyOf(member, feature), firstVocabulary = VocabularyOf(first, firstFeature);
            if (vocabulary != firstVocabulary)
                return $"has {vocabulary} where '{first.Name}' has {firstVocabulary}";

            foreach (var model in record.Models)
            {
                int dim = DimensionOf(record, feature, model), firstDim = DimensionOf(record, firstFeature, model);
                if (dim != firstDim)
                    return $"has embedding dimension {Text(dim)} where '{first.Name}' has {Text(firstDim)} in [{model.AttributeName}]";
            }

            string ids = IdKindOf(member.Type), firstIds = IdKindOf(first.Type);
            if (ids != firstIds)
                return $"holds {ids} ids where '{first.Name}' holds {firstIds} ids";
            return null;
        }
    }
}
