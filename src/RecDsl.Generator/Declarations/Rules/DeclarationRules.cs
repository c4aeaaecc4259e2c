// What makes a declaration valid: pure functions RecordDeclaration -> violations, one file per rule group.
// The analyzers report the violations; the generator emits nothing when CanGenerate is false, so the two can
// never disagree about what is valid.
using System.Collections.Generic;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Declarations
{
    internal static class DeclarationRules
    {
        /// <summary>Every violation of every rule (DESIGN.md section 4), grouped by rule file, then member order.</summary>
        public static EquatableArray<Violation> Validate(RecordDeclaration record)
        {
            var violations = new List<Violation>();
            LabelRules.Check(record, violations);
            FeatureKindRules.Check(record, violations);
            SizeRules.Check(record, violations);
            SequenceRules.Check(record, violations);
            ModelStructureRules.Check(record, violations);
            TableRules.Check(record, violations);
            AccessibilityRules.Check(record, violations);
            return violations.ToEquatableArray();
        }

        /// <summary>Whether any violation is an error.</summary>
        public static bool HasErrors(EquatableArray<Violation> violations)
        {
            foreach (var violation in violations)
                if (DiagnosticIds.SeverityOf(violation.Id) == RuleSeverity.Error) return true;
            return false;
        }

        /// <summary>Whether an attribute of the record does not bind (the compiler reports those errors).</summary>
        public static bool HasBindingErrors(RecordDeclaration record)
        {
            foreach (var model in record.Models)
                if (model.HasErrors) return true;
            foreach (var member in record.Members)
                foreach (var feature in member.Features)
                    if (feature.HasErrors) return true;
            return false;
        }

        /// <summary>The generator's gate: emit code only for a record that binds cleanly and breaks no error rule.</summary>
        public static bool CanGenerate(RecordDeclaration record) =>
            !HasBindingErrors(record) && !HasErrors(Validate(record));
    }
}
