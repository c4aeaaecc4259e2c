// RDSL0006: sizes must be positive (Vocab, HashBuckets, EmbeddingDim, MaxLen, hidden sizes), Dropout in [0, 1),
// a dense Default finite (and within float's range on a float), and an id feature needs exactly one of Vocab and
// HashBuckets (enums and bools may omit both; a targeted sequence uses its target's).
using System.Collections.Generic;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class SizeRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            foreach (var model in record.Models)
                if (!model.HasErrors) CheckModel(record, model, violations);

            foreach (var member in record.Members)
                for (int i = 0; i < member.Features.Count; i++)
                    if (!member.Features[i].HasErrors) CheckFeature(record, member, i, violations);
        }

        private static void CheckModel(RecordDeclaration record, ModelDeclaration model, List<Violation> violations)
        {
            string where = "[" + model.AttributeName + "]";
            if (model.EmbeddingDim <= 0)
                violations.Add(Invalid(record, null, model.AttributeName, "EmbeddingDim", 0, where,
                    Text(model.EmbeddingDim) + " is not a positive embedding dimension; use e.g. 16"));
            if (model.Dropout < 0 || model.Dropout >= 1 || double.IsNaN(model.Dropout))
                violations.Add(Invalid(record, null, model.AttributeName, "Dropout", 0, where,
                    Text(model.Dropout) + " is not a probability in [0, 1)"));

            CheckLayers(record, model, "Hidden", model.Hidden, where, violations);
            CheckLayers(record, model, "AttentionHidden", model.AttentionHidden, where, violations);
            CheckLayers(record, model, "CtrHidden", model.CtrHidden, where, violations);
            CheckLayers(record, model, "CvrHidden", model.CvrHidden, where, violations);
        }

        private static void CheckLayers(RecordDeclaration record, ModelDeclaration model, string name,
            Helpers.EquatableArray<int> sizes, string where, List<Violation> violations)
        {
            if (model.NullArguments.Contains(name))
            {
                violations.Add(Invalid(record, null, model.AttributeName, name, 0, where,
                    "null is not a list of layer sizes; write new[] { 256, 128 }, or new int[0] for no hidden layer"));
                return;
            }
            foreach (var size in sizes)
            {
                if (size > 0) continue;
                violations.Add(Invalid(record, null, model.AttributeName, name, 0, where,
                    "layer size " + Text(size) + " is not positive; every hidden layer needs at least one unit"));
                return;
            }
        }

        private static void CheckFeature(RecordDeclaration record, MemberDeclaration member, int index, List<Violation> violations)
        {
            var feature = member.Features[index];
            int occurrence = Occurrence(member, index);
            string where = "'" + member.Name + "'";
            if (feature.Kind == FeatureKindDeclaration.Dense)
            {
                CheckDenseDefault(record, member, feature, occurrence, where, violations);
                return;
            }

            void Positive(string argument, int value, string hint)
            {
                if (feature.IsExplicit(argument) && value <= 0)
                    violations.Add(Invalid(record, member.Name, feature.AttributeName, argument, occurrence, where,
                        Text(value) + " is not positive; " + hint));
            }

            Positive("Vocab", feature.Vocab, "ids are in [0, Vocab), so give the number of distinct ids");
            Positive("HashBuckets", feature.HashBuckets, "give the number of buckets, e.g. 1 << 18");
            Positive("EmbeddingDim", feature.EmbeddingDim, "leave EmbeddingDim out to use the model's");
            if (feature.Kind == FeatureKindDeclaration.Sequence)
                Positive("MaxLen", feature.MaxLen, "give the number of most recent items to keep, e.g. 50");

            bool vocab = feature.IsExplicit("Vocab"), hashed = feature.IsExplicit("HashBuckets");
            if (vocab && hashed)
            {
                violations.Add(Invalid(record, member.Name, feature.AttributeName, "HashBuckets", occurrence, where,
                    "give exactly one of Vocab and HashBuckets, not both"));
                return;
            }
            if (vocab || hashed || IsTargeted(feature)) return;

            var shape = member.Type.ValueShape;
            string? missing = shape switch
            {
                TypeShape.Integer => "give Vocab = N (ids in [0, N)) or HashBuckets = N",
                TypeShape.String => "a string id needs Vocab (the size of the fitted vocabulary) or HashBuckets",
                TypeShape.Enum when member.Type.EnumValueCount == 0 =>
                    "the vocabulary of this enum cannot be inferred (negative values, values above 2^24, or none); give Vocab",
                _ => null, // bools and enums infer their vocabulary; other types are RDSL0005
            };
            if (missing is not null)
                violations.Add(Invalid(record, member.Name, feature.AttributeName, null, occurrence, where, missing, "Vocab or HashBuckets"));
        }

        /// <summary>A Default replaces NaN, infinite and missing values, so it must itself be a finite value of the
        /// member's type: an infinite one (or one beyond float's range on a float) would put infinity in the batch, and
        /// NaN is what "no Default" means.</summary>
        private static void CheckDenseDefault(RecordDeclaration record, MemberDeclaration member, FeatureDeclaration feature,
            int occurrence, string where, List<Violation> violations)
        {
            if (!feature.IsExplicit("Default")) return;
            double value = feature.DenseDefault;
            string? problem = double.IsNaN(value) ? "NaN is not a default: leave Default out to make a missing value an error"
                : double.IsInfinity(value) ? Text(value) + " is not finite; a default replaces NaN and infinite values, so give a finite one"
                : member.Type.SpecialType == "float" && System.Math.Abs(value) > float.MaxValue
                    ? Text(value) + " is beyond the range of float, so it would read as infinity; give a value within +-3.4e38"
                : null;
            if (problem is not null)
                violations.Add(Invalid(record, member.Name, feature.AttributeName, "Default", occurrence, where, problem));
        }

        private static Violation Invalid(RecordDeclaration record, string? member, string attribute, string? argument,
            int occurrence, string where, string detail, string? setting = null) =>
            Violation(DiagnosticIds.InvalidSize, member, attribute, argument, occurrence,
                record.Name, where, setting ?? argument ?? attribute, detail);
    }
}
