// The one table of diagnostic ids and their severities, shared by the analyzers (which report them) and the
// generator (which emits nothing for a record with any error-severity violation).
namespace RecDsl.Generator.Declarations
{
    /// <summary>Severity of a rule, mirrored by the analyzers' DiagnosticSeverity (kept Roslyn-free here).</summary>
    internal enum RuleSeverity { Info, Warning, Error }

    /// <summary>RecDsl diagnostic ids (DESIGN.md section 4). 0001-0099 declaration errors, 0100-0199 warnings and
    /// suggestions, 0900+ generator-internal.</summary>
    internal static class DiagnosticIds
    {
        public const string LabelCount = "RDSL0001";
        public const string MultipleFeatureKinds = "RDSL0002";
        public const string UnknownSequenceTarget = "RDSL0003";
        public const string SequenceTargetNotSparse = "RDSL0004";
        public const string UnsupportedMemberType = "RDSL0005";
        public const string InvalidSize = "RDSL0006";
        public const string RoleOnNonFeature = "RDSL0007";
        public const string NoWideFeature = "RDSL0010";
        public const string NoDeepFeature = "RDSL0011";
        public const string TooFewFmFields = "RDSL0012";
        public const string FmDimensionMismatch = "RDSL0013";
        public const string SequenceConflictsWithTarget = "RDSL0014";
        public const string DinWithoutTargetedSequence = "RDSL0015";
        public const string EsmmLabels = "RDSL0016";
        public const string SharedTableMismatch = "RDSL0017";
        public const string NotAccessible = "RDSL0018";
        public const string LabelIsFeature = "RDSL0019";
        public const string MultipleGroups = "RDSL0020";
        public const string UnusedRole = "RDSL0100";
        public const string FeatureWithoutRole = "RDSL0101";
        public const string TargetedSequencePooled = "RDSL0102";
        public const string StringTarget = "RDSL0103";
        public const string NoCsvReader = "RDSL0104";
        public const string GeneratorInternalError = "RDSL0900";

        /// <summary>Severity of <paramref name="id"/>; ids below 0100 are errors.</summary>
        public static RuleSeverity SeverityOf(string id) => id switch
        {
            UnusedRole or FeatureWithoutRole or GeneratorInternalError => RuleSeverity.Warning,
            TargetedSequencePooled or StringTarget or NoCsvReader => RuleSeverity.Info,
            _ => RuleSeverity.Error,
        };

        /// <summary>docs/diagnostics page of <paramref name="id"/>.</summary>
        public static string HelpLink(string id) =>
            "https://github.com/recdsl/recdsl/blob/main/docs/diagnostics/" + id + ".md";
    }
}
