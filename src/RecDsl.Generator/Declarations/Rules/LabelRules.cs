// RDSL0001 (single-task label count), RDSL0016 (ESMM labels), RDSL0019 (a label that is also a feature) and
// RDSL0020 (one [Group]).
using System.Collections.Generic;
using System.Linq;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class LabelRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            var singleTask = record.Models.Where(m => m.IsSingleTask).ToList();
            var labels = record.Members.Where(m => m.Label).ToList();
            CheckLabelsAreNotFeatures(record, violations);
            CheckOneGroup(record, violations);

            if (singleTask.Count > 0)
            {
                if (labels.Count == 0)
                {
                    foreach (var model in singleTask)
                        violations.Add(Violation(DiagnosticIds.LabelCount, null, model.AttributeName, null,
                            record.Name, model.AttributeName,
                            "none is declared; add [Label] to the member the model learns to predict (bool, or float/double in [0, 1])"));
                }
                foreach (var extra in labels.Skip(1))
                    violations.Add(Violation(DiagnosticIds.LabelCount, extra.Name, "Label", null,
                        record.Name, singleTask[0].AttributeName,
                        $"'{extra.Name}' is a second [Label] besides '{labels[0].Name}'; remove [Label] from one of them"));
            }

            if (!record.HasModel(ModelKind.Esmm)) return;
            var clicks = record.Members.Where(m => m.ClickLabel).ToList();
            var conversions = record.Members.Where(m => m.ConversionLabel).ToList();

            var missing = new List<string>();
            if (clicks.Count == 0) missing.Add("add [ClickLabel] to the member that says whether the impression was clicked");
            if (conversions.Count == 0) missing.Add("add [ConversionLabel] to the member that says whether it converted");
            if (missing.Count > 0)
                violations.Add(Violation(DiagnosticIds.EsmmLabels, null, "Esmm", null, record.Name, string.Join("; ", missing)));

            foreach (var extra in clicks.Skip(1))
                violations.Add(Violation(DiagnosticIds.EsmmLabels, extra.Name, "ClickLabel", null, record.Name,
                    $"'{extra.Name}' is a second [ClickLabel] besides '{clicks[0].Name}'; keep one"));
            foreach (var extra in conversions.Skip(1))
                violations.Add(Violation(DiagnosticIds.EsmmLabels, extra.Name, "ConversionLabel", null, record.Name,
                    $"'{extra.Name}' is a second [ConversionLabel] besides '{conversions[0].Name}'; keep one"));

            // [Label] is ESMM's mistake only when no single-task model on the record needs it.
            if (singleTask.Count == 0)
                foreach (var label in labels)
                    violations.Add(Violation(DiagnosticIds.EsmmLabels, label.Name, "Label", null, record.Name,
                        $"'{label.Name}' carries [Label], which ESMM does not read; use [ClickLabel] and [ConversionLabel] instead"));
        }

        /// <summary>A label that is also a feature leaks the answer into the model's input: the squiggle goes on the
        /// feature attribute, which is the one to remove.</summary>
        private static void CheckLabelsAreNotFeatures(RecordDeclaration record, List<Violation> violations)
        {
            foreach (var member in record.Members)
            {
                var label = member.Label ? "Label" : member.ClickLabel ? "ClickLabel" : member.ConversionLabel ? "ConversionLabel" : null;
                if (label is null) continue;
                for (int i = 0; i < member.Features.Count; i++)
                    violations.Add(Violation(DiagnosticIds.LabelIsFeature, member.Name, member.Features[i].AttributeName, null,
                        Occurrence(member, i), record.Name, member.Name, label, member.Features[i].AttributeName));
            }
        }

        private static void CheckOneGroup(RecordDeclaration record, List<Violation> violations)
        {
            var groups = record.Members.Where(m => m.Group).ToList();
            foreach (var extra in groups.Skip(1))
                violations.Add(Violation(DiagnosticIds.MultipleGroups, extra.Name, "Group", null, record.Name, extra.Name, groups[0].Name));
        }
    }
}
