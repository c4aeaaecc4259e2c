// Diagnostic properties for the code fixes, computed from the declaration the rule judged.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers
{
    internal static class FixProperties
    {
        public static ImmutableDictionary<string, string?> For(RecordDeclaration record, Violation violation)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            switch (violation.Id)
            {
                case DiagnosticIds.FeatureWithoutRole:
                    var roles = new List<string> { "Deep" };
                    if (record.HasModel(ModelKind.WideDeep)) roles.Add("Wide");
                    if (record.HasModel(ModelKind.DeepFM)) roles.Add("FmField");
                    properties[FixPropertyNames.Roles] = string.Join(",", roles);
                    break;
                case DiagnosticIds.NoWideFeature:
                    AddCandidates(record, "Wide", m => m.Wide, properties);
                    break;
                case DiagnosticIds.NoDeepFeature:
                    AddCandidates(record, "Deep", m => m.Deep, properties);
                    break;
                case DiagnosticIds.TooFewFmFields:
                    AddCandidates(record, "FmField", m => m.FmField, properties);
                    break;
                case DiagnosticIds.FmDimensionMismatch when violation.Argument == "EmbeddingDim":
                    var reference = violation.MessageArguments[3];
                    var model = record.Models.FirstOrDefault(m => m.Kind == ModelKind.DeepFM);
                    properties[FixPropertyNames.Dimension] = reference;
                    properties[FixPropertyNames.RemoveOverride] =
                        model is not null && RuleFacts.Text(model.EmbeddingDim) == reference ? "true" : "false";
                    break;
                case DiagnosticIds.UnsupportedMemberType when violation.Attribute == "Dense"
                        && record.FindMember(violation.Member) is { Type: { IsCollection: false, Shape: TypeShape.Bool or TypeShape.Enum } }:
                    // A flag or an enum is a category: [Sparse] takes it with an inferred vocabulary.
                    properties[FixPropertyNames.FeatureKind] = "Sparse";
                    break;
                case DiagnosticIds.StringTarget:
                    properties[FixPropertyNames.Nameof] = violation.MessageArguments[2];
                    break;
                case DiagnosticIds.UnknownSequenceTarget:
                    var written = violation.MessageArguments[2];
                    var match = record.Members.FirstOrDefault(m => string.Equals(m.Name, written, StringComparison.OrdinalIgnoreCase));
                    if (match is not null) properties[FixPropertyNames.Nameof] = match.Name;
                    break;
            }
            return properties.ToImmutable();
        }

        /// <summary>Features (one kind, no binding errors) that lack <paramref name="role"/>.</summary>
        private static void AddCandidates(RecordDeclaration record, string role, Func<MemberDeclaration, bool> has,
            ImmutableDictionary<string, string?>.Builder properties)
        {
            var candidates = record.Members.Where(m => m.Feature is { HasErrors: false } && !has(m)).Select(m => m.Name).ToList();
            if (candidates.Count == 0) return;
            properties[FixPropertyNames.Role] = role;
            properties[FixPropertyNames.Candidates] = string.Join(",", candidates);
        }
    }
}
