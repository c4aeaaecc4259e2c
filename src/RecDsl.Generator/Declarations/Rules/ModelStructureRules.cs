// What each model needs from the role markers: RDSL0010 (WideDeep needs [Wide]), RDSL0011 (every model needs
// [Deep]), RDSL0012 (DeepFM needs two [FmField]), RDSL0013 (FM fields share one dimension), RDSL0015 (DIN needs a
// targeted sequence), RDSL0100 (a marker no model reads), RDSL0101 (a feature no model part sees).
using System.Collections.Generic;
using System.Linq;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class ModelStructureRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            var features = record.Members.Where(m => m.IsFeature).ToList();
            foreach (var model in record.Models)
            {
                if (model.Kind == ModelKind.WideDeep && !features.Any(m => m.Wide))
                    violations.Add(Violation(DiagnosticIds.NoWideFeature, null, model.AttributeName, null, record.Name));

                if (!features.Any(m => m.Deep))
                    violations.Add(Violation(DiagnosticIds.NoDeepFeature, null, model.AttributeName, null, record.Name, model.AttributeName));

                if (model.Kind == ModelKind.DeepFM)
                {
                    int fields = features.Count(m => m.FmField);
                    if (fields < 2)
                        violations.Add(Violation(DiagnosticIds.TooFewFmFields, null, model.AttributeName, null, record.Name, Text(fields)));
                    if (!model.HasErrors) CheckFmDimensions(record, model, violations);
                }

                if (model.Kind == ModelKind.Din
                    && !features.Any(m => m.Deep && m.Feature is { Kind: FeatureKindDeclaration.Sequence, Target: not null }))
                    violations.Add(Violation(DiagnosticIds.DinWithoutTargetedSequence, null, model.AttributeName, null, record.Name));
            }

            foreach (var member in features)
            {
                if (member.Wide && !record.HasModel(ModelKind.WideDeep))
                    violations.Add(Violation(DiagnosticIds.UnusedRole, member.Name, "Wide", null, record.Name, member.Name, "Wide", "WideDeep"));
                if (member.FmField && !record.HasModel(ModelKind.DeepFM))
                    violations.Add(Violation(DiagnosticIds.UnusedRole, member.Name, "FmField", null, record.Name, member.Name, "FmField", "DeepFM"));
                if (!member.HasRole)
                    violations.Add(Violation(DiagnosticIds.FeatureWithoutRole, member.Name, member.Features[0].AttributeName, null,
                        record.Name, member.Name, RolesOfferedBy(record)));
            }
        }

        /// <summary>The FM's reference dimension is the model's when any field uses it (so the fix is "remove the
        /// override"), else the first field's; every field of another dimension is reported.</summary>
        private static void CheckFmDimensions(RecordDeclaration record, ModelDeclaration model, List<Violation> violations)
        {
            var fields = CleanFeatures(record).Where(f => f.Member.FmField).ToList();
            if (fields.Count == 0) return;
            var dims = fields.Select(f => DimensionOf(record, f.Feature, model)).ToList();
            int reference = dims.Contains(model.EmbeddingDim) ? model.EmbeddingDim : dims[0];

            for (int i = 0; i < fields.Count; i++)
            {
                if (dims[i] == reference) continue;
                var (member, feature) = fields[i];
                bool own = feature.IsExplicit("EmbeddingDim");
                string fix = !own && TargetOf(record, feature) is { } target
                    ? $"its target '{target.Name}' sets the dimension; align '{target.Name}'"
                    : reference == model.EmbeddingDim
                        ? $"remove EmbeddingDim to use the model's {Text(reference)}"
                        : $"set EmbeddingDim = {Text(reference)}";
                violations.Add(Violation(DiagnosticIds.FmDimensionMismatch, member.Name, feature.AttributeName, own ? "EmbeddingDim" : null,
                    record.Name, member.Name, Text(dims[i]), Text(reference), fix));
            }
        }
    }
}
