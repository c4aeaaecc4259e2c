// Titles and message formats of every declaration rule, in one place: the analyzers build their descriptors from
// it, and tests format expected messages from it. Argument order is fixed per id; DeclarationRules fills it.
namespace RecDsl.Generator.Declarations
{
    /// <summary>One rule: id, severity, title and message format ({0} is always the record's name).</summary>
    internal sealed record RuleInfo(string Id, RuleSeverity Severity, string Title, string MessageFormat);

    internal static class RuleCatalog
    {
        /// <summary>Every rule the analyzers report, in id order.</summary>
        public static readonly RuleInfo[] All =
        {
            Rule(DiagnosticIds.LabelCount, "A single-task model needs exactly one [Label]",
                "[{1}] on '{0}' needs exactly one [Label] member: {2}"),
            Rule(DiagnosticIds.MultipleFeatureKinds, "A member has more than one feature kind",
                "Member '{1}' of '{0}' is [{2}] and also [{3}]; a member has one feature kind: remove [{3}]"),
            Rule(DiagnosticIds.UnknownSequenceTarget, "Sequence target names no member",
                "Sequence '{1}' of '{0}' targets '{2}', which is not a member of '{0}': {3}"),
            Rule(DiagnosticIds.SequenceTargetNotSparse, "Sequence target is not a [Sparse] feature",
                "Sequence '{1}' of '{0}' targets '{2}', which is not a [Sparse] feature; a history shares its target's embedding table: target a [Sparse] member"),
            Rule(DiagnosticIds.UnsupportedMemberType, "Member type not supported by its feature kind or label",
                "'{1}' of '{0}' is {2}, which [{3}] does not support: {4}"),
            Rule(DiagnosticIds.InvalidSize, "Invalid size or setting",
                "Invalid {2} on {1} of '{0}': {3}"),
            Rule(DiagnosticIds.RoleOnNonFeature, "Role marker on a member that is not a feature",
                "[{2}] on '{1}' of '{0}' marks a member that is not a feature: add [Sparse], [Dense] or [Sequence] to '{1}', or remove [{2}]"),
            Rule(DiagnosticIds.NoWideFeature, "[WideDeep] has no [Wide] feature",
                "[WideDeep] on '{0}' has no [Wide] feature, so its wide (linear) part is empty: add [Wide] to the features it should memorise"),
            Rule(DiagnosticIds.NoDeepFeature, "A model has no [Deep] feature",
                "[{1}] on '{0}' has no [Deep] feature, so its MLP has no input: add [Deep] to the features the MLP should see"),
            Rule(DiagnosticIds.TooFewFmFields, "[DeepFM] has fewer than two [FmField] features",
                "[DeepFM] on '{0}' has {1} [FmField] feature(s), but a factorization machine needs at least two: add [FmField] to the fields whose pairwise interactions it should learn"),
            Rule(DiagnosticIds.FmDimensionMismatch, "[FmField] features with different embedding dimensions",
                "FM field '{1}' of '{0}' has embedding dimension {2}, but the [FmField] features of [DeepFM] use {3}; FM interactions need one dimension: {4}"),
            Rule(DiagnosticIds.SequenceConflictsWithTarget, "Targeted sequence conflicts with its target",
                "Sequence '{1}' of '{0}' conflicts with its target '{2}': {3}"),
            Rule(DiagnosticIds.DinWithoutTargetedSequence, "[Din] has no targeted sequence",
                "[Din] on '{0}' has no [Deep] [Sequence(Target = ...)] feature to attend over: add a behaviour history such as [Sequence(Target = nameof(ItemId)), Deep] long[] ClickedItems"),
            Rule(DiagnosticIds.EsmmLabels, "[Esmm] needs one [ClickLabel] and one [ConversionLabel]",
                "[Esmm] on '{0}' needs exactly one [ClickLabel] and one [ConversionLabel]: {1}"),
            Rule(DiagnosticIds.SharedTableMismatch, "Features sharing a table disagree",
                "'{1}' of '{0}' shares table '{2}' with '{3}' but {4}; features of one table must agree on vocabulary, dimension and id type"),
            Rule(DiagnosticIds.NotAccessible, "Declaration not usable by generated code",
                "'{0}' cannot be used by generated code: {1}"),
            Rule(DiagnosticIds.LabelIsFeature, "A label member is also a feature",
                "'{1}' of '{0}' is the [{2}] and also a [{3}] feature, so the model would read the answer it has to predict: remove [{3}] from '{1}' (declare any related input on its own member)"),
            Rule(DiagnosticIds.MultipleGroups, "More than one [Group] member",
                "'{1}' of '{0}' is a second [Group] besides '{2}'; gAUC groups rows by one member: remove [Group] from one of them"),
            Rule(DiagnosticIds.UnusedRole, "Role marker that no declared model uses",
                "[{2}] on '{1}' of '{0}' has no effect because no declared model uses it: add [{3}] to '{0}' or remove [{2}]"),
            Rule(DiagnosticIds.FeatureWithoutRole, "Feature without a role marker",
                "Feature '{1}' of '{0}' has no role marker, so no model part sees it: add {2}"),
            Rule(DiagnosticIds.TargetedSequencePooled, "Targeted sequence pooled by a model without attention",
                "[{3}] on '{0}' has no attention: sequence '{1}' (target '{2}') is pooled with {4} instead"),
            Rule(DiagnosticIds.StringTarget, "Sequence target written as a string",
                "Sequence '{1}' of '{0}' names its target with the string \"{2}\": write nameof({2}) so a rename of '{2}' updates it"),
            Rule(DiagnosticIds.NoCsvReader, "No CSV reader is generated for the record",
                "'{0}' gets no generated CSV reader because {1}; the model, collator and vocabularies are generated as usual: read the rows yourself and pass them to the collator"),
        };

        /// <summary>The rule with <paramref name="id"/>, or null.</summary>
        public static RuleInfo? Find(string id)
        {
            foreach (var rule in All)
                if (rule.Id == id) return rule;
            return null;
        }

        private static RuleInfo Rule(string id, string title, string format) =>
            new(id, DiagnosticIds.SeverityOf(id), title, format);
    }
}
