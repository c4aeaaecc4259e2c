// RDSL0018: generated code lives in other types of the same assembly, so it needs a closed, non-nested-in-generic,
// assembly-visible record, and features and labels it can read, declared on the record itself (not inherited).
using System.Collections.Generic;
using static RecDsl.Generator.Declarations.RuleFacts;

namespace RecDsl.Generator.Declarations
{
    internal static class AccessibilityRules
    {
        public static void Check(RecordDeclaration record, List<Violation> violations)
        {
            if (record.IsGeneric)
                violations.Add(Violation(DiagnosticIds.NotAccessible, null, null, null, record.Name,
                    "it is generic; a generated model needs a closed type, so remove its type parameters"));
            foreach (var outer in record.ContainingTypes)
                if (outer.IsGeneric)
                    violations.Add(Violation(DiagnosticIds.NotAccessible, null, null, null, record.Name,
                        $"it is nested in the generic type '{outer.Name}'; move it out of '{outer.Name}'"));
            if (!record.IsAccessible)
                violations.Add(Violation(DiagnosticIds.NotAccessible, null, null, null, record.Name,
                    "it (or a type containing it) is private, protected or file-local; make it public or internal"));

            foreach (var inherited in record.InheritedAnnotations)
                violations.Add(Violation(DiagnosticIds.NotAccessible, null, null, null, record.Name,
                    $"it inherits '{inherited.Member}' with [{inherited.Attribute}] from '{inherited.BaseType}', and generated code reads only the "
                    + $"members declared on '{record.Name}' itself, so the model would leave it out; declare it on '{record.Name}', "
                    + $"or put the model attribute on '{inherited.BaseType}' (one record can carry several model attributes)"));

            foreach (var member in record.Members)
            {
                bool used = member.IsFeature || member.Label || member.ClickLabel || member.ConversionLabel || member.Group;
                if (used && !member.IsReadable)
                    violations.Add(Violation(DiagnosticIds.NotAccessible, member.Name, null, null,
                        record.Name + "." + member.Name,
                        "generated code reads this member but it has no public or internal getter; make its getter public or internal"));
            }
        }
    }
}
