// Targeted sequences: RDSL0003 (target names no member), RDSL0004 (target is not [Sparse]), RDSL0014 (the
// sequence's own settings conflict with its target's table), RDSL0102 (a model without attention pools it),
// RDSL0103 (target written as a string literal instead of nameof).
using System;
using System.Collections.Generic;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class SequenceRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            foreach (var member in record.Members)
            {
                if (member.Feature is not { Kind: FeatureKindDeclaration.Sequence, Target: { } targetName } sequence) continue;

                var target = record.FindMember(targetName);
                if (target is null)
                {
                    violations.Add(Violation(DiagnosticIds.UnknownSequenceTarget, member.Name, "Sequence", "Target",
                        record.Name, member.Name, targetName, UnknownTargetHint(record, targetName)));
                    continue;
                }
                if (target.Feature is not { Kind: FeatureKindDeclaration.Sparse } targetFeature)
                {
                    // A target that is [Sparse] and something else is already RDSL0002.
                    if (target.Features.Count < 2)
                        violations.Add(Violation(DiagnosticIds.SequenceTargetNotSparse, member.Name, "Sequence", "Target",
                            record.Name, member.Name, targetName));
                    continue;
                }

                if (sequence.TargetForm == TargetForm.StringLiteral)
                    violations.Add(Violation(DiagnosticIds.StringTarget, member.Name, "Sequence", "Target",
                        record.Name, member.Name, targetName));

                if (!sequence.HasErrors && !targetFeature.HasErrors)
                    CheckAgainstTarget(record, member, sequence, target, targetFeature, violations);

                foreach (var model in record.Models)
                    if (PoolsWithoutAttention(model, member))
                        violations.Add(Violation(DiagnosticIds.TargetedSequencePooled, member.Name, "Sequence", null,
                            record.Name, member.Name, targetName, model.AttributeName, PoolingName(sequence.Pooling)));
            }
        }

        private static void CheckAgainstTarget(RecordDeclaration record, MemberDeclaration member, FeatureDeclaration sequence,
            MemberDeclaration target, FeatureDeclaration targetFeature, List<Violation> violations)
        {
            void Conflict(string? argument, string detail) =>
                violations.Add(Violation(DiagnosticIds.SequenceConflictsWithTarget, member.Name, "Sequence", argument,
                    record.Name, member.Name, target.Name, detail));

            var (targetHashed, targetSize) = VocabularySize(target, targetFeature);
            string targetVocabulary = VocabularyOf(target, targetFeature);
            if (sequence.IsExplicit("Vocab") && (targetHashed || targetSize != sequence.Vocab))
                Conflict("Vocab", $"it sets Vocab = {Text(sequence.Vocab)} but '{target.Name}' has {targetVocabulary}; remove Vocab, a history uses its target's table");
            if (sequence.IsExplicit("HashBuckets") && (!targetHashed || targetSize != sequence.HashBuckets))
                Conflict("HashBuckets", $"it sets HashBuckets = {Text(sequence.HashBuckets)} but '{target.Name}' has {targetVocabulary}; remove HashBuckets, a history uses its target's table");

            if (sequence.IsExplicit("EmbeddingDim"))
            {
                foreach (var model in record.Models)
                {
                    int targetDim = targetFeature.EmbeddingDim > 0 ? targetFeature.EmbeddingDim : model.EmbeddingDim;
                    if (targetDim == sequence.EmbeddingDim) continue;
                    Conflict("EmbeddingDim", $"it sets EmbeddingDim = {Text(sequence.EmbeddingDim)} but '{target.Name}' has dimension {Text(targetDim)} in [{model.AttributeName}]; remove EmbeddingDim, a history uses its target's embeddings");
                    break;
                }
            }

            string targetTable = targetFeature.Table ?? target.Name;
            if (sequence.IsExplicit("Table") && sequence.Table != targetTable)
                Conflict("Table", $"it sets Table = \"{sequence.Table}\" but '{target.Name}' uses table \"{targetTable}\"; remove Table, a history uses its target's table");

            string items = IdKindOf(member.Type), ids = IdKindOf(target.Type);
            if (member.Type.IsCollection && items != ids)
                Conflict("Target", $"its items are {items} ids but '{target.Name}' holds {ids} ids; a history holds ids of its target's kind");
        }

        /// <summary>A model other than DIN that reads the sequence through one of its parts pools it.</summary>
        private static bool PoolsWithoutAttention(ModelDeclaration model, MemberDeclaration member) => model.Kind switch
        {
            ModelKind.WideDeep => member.Wide || member.Deep,
            ModelKind.DeepFM => member.FmField || member.Deep,
            ModelKind.Esmm => member.Deep,
            _ => false,
        };

        private static string PoolingName(int pooling) => pooling switch
        {
            0 => "Sum pooling",
            2 => "Max pooling",
            _ => "Mean pooling",
        };

        private static string UnknownTargetHint(RecordDeclaration record, string targetName)
        {
            foreach (var member in record.Members)
                if (string.Equals(member.Name, targetName, StringComparison.OrdinalIgnoreCase))
                    return $"did you mean nameof({member.Name})?";
            return "write Target = nameof(X) where X is a [Sparse] member of '" + record.Name + "'";
        }
    }
}
