// The one descriptor table of the analyzers. Ids, titles and message formats come from the shared
// DiagnosticIds/RuleCatalog (linked from the generator); ids and severities are written as constants here so
// release tracking (AnalyzerReleases.*.md) can check them.
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers
{
    internal static class Descriptors
    {
        private const string Declaration = "RecDsl.Declaration";
        private const string Usage = "RecDsl.Usage";

        public static readonly DiagnosticDescriptor LabelCount = new(
            DiagnosticIds.LabelCount, Title(DiagnosticIds.LabelCount), Format(DiagnosticIds.LabelCount), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LabelCount));

        public static readonly DiagnosticDescriptor MultipleFeatureKinds = new(
            DiagnosticIds.MultipleFeatureKinds, Title(DiagnosticIds.MultipleFeatureKinds), Format(DiagnosticIds.MultipleFeatureKinds), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.MultipleFeatureKinds));

        public static readonly DiagnosticDescriptor UnknownSequenceTarget = new(
            DiagnosticIds.UnknownSequenceTarget, Title(DiagnosticIds.UnknownSequenceTarget), Format(DiagnosticIds.UnknownSequenceTarget), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnknownSequenceTarget));

        public static readonly DiagnosticDescriptor SequenceTargetNotSparse = new(
            DiagnosticIds.SequenceTargetNotSparse, Title(DiagnosticIds.SequenceTargetNotSparse), Format(DiagnosticIds.SequenceTargetNotSparse), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SequenceTargetNotSparse));

        public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
            DiagnosticIds.UnsupportedMemberType, Title(DiagnosticIds.UnsupportedMemberType), Format(DiagnosticIds.UnsupportedMemberType), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnsupportedMemberType));

        public static readonly DiagnosticDescriptor InvalidSize = new(
            DiagnosticIds.InvalidSize, Title(DiagnosticIds.InvalidSize), Format(DiagnosticIds.InvalidSize), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InvalidSize));

        public static readonly DiagnosticDescriptor RoleOnNonFeature = new(
            DiagnosticIds.RoleOnNonFeature, Title(DiagnosticIds.RoleOnNonFeature), Format(DiagnosticIds.RoleOnNonFeature), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RoleOnNonFeature));

        public static readonly DiagnosticDescriptor NoWideFeature = new(
            DiagnosticIds.NoWideFeature, Title(DiagnosticIds.NoWideFeature), Format(DiagnosticIds.NoWideFeature), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.NoWideFeature));

        public static readonly DiagnosticDescriptor NoDeepFeature = new(
            DiagnosticIds.NoDeepFeature, Title(DiagnosticIds.NoDeepFeature), Format(DiagnosticIds.NoDeepFeature), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.NoDeepFeature));

        public static readonly DiagnosticDescriptor TooFewFmFields = new(
            DiagnosticIds.TooFewFmFields, Title(DiagnosticIds.TooFewFmFields), Format(DiagnosticIds.TooFewFmFields), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.TooFewFmFields));

        public static readonly DiagnosticDescriptor FmDimensionMismatch = new(
            DiagnosticIds.FmDimensionMismatch, Title(DiagnosticIds.FmDimensionMismatch), Format(DiagnosticIds.FmDimensionMismatch), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.FmDimensionMismatch));

        public static readonly DiagnosticDescriptor SequenceConflictsWithTarget = new(
            DiagnosticIds.SequenceConflictsWithTarget, Title(DiagnosticIds.SequenceConflictsWithTarget), Format(DiagnosticIds.SequenceConflictsWithTarget), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SequenceConflictsWithTarget));

        public static readonly DiagnosticDescriptor DinWithoutTargetedSequence = new(
            DiagnosticIds.DinWithoutTargetedSequence, Title(DiagnosticIds.DinWithoutTargetedSequence), Format(DiagnosticIds.DinWithoutTargetedSequence), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DinWithoutTargetedSequence));

        public static readonly DiagnosticDescriptor EsmmLabels = new(
            DiagnosticIds.EsmmLabels, Title(DiagnosticIds.EsmmLabels), Format(DiagnosticIds.EsmmLabels), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.EsmmLabels));

        public static readonly DiagnosticDescriptor SharedTableMismatch = new(
            DiagnosticIds.SharedTableMismatch, Title(DiagnosticIds.SharedTableMismatch), Format(DiagnosticIds.SharedTableMismatch), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.SharedTableMismatch));

        public static readonly DiagnosticDescriptor NotAccessible = new(
            DiagnosticIds.NotAccessible, Title(DiagnosticIds.NotAccessible), Format(DiagnosticIds.NotAccessible), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.NotAccessible));

        public static readonly DiagnosticDescriptor LabelIsFeature = new(
            DiagnosticIds.LabelIsFeature, Title(DiagnosticIds.LabelIsFeature), Format(DiagnosticIds.LabelIsFeature), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.LabelIsFeature));

        public static readonly DiagnosticDescriptor MultipleGroups = new(
            DiagnosticIds.MultipleGroups, Title(DiagnosticIds.MultipleGroups), Format(DiagnosticIds.MultipleGroups), Declaration,
            DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.MultipleGroups));

        public static readonly DiagnosticDescriptor UnusedRole = new(
            DiagnosticIds.UnusedRole, Title(DiagnosticIds.UnusedRole), Format(DiagnosticIds.UnusedRole), Usage,
            DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnusedRole));

        public static readonly DiagnosticDescriptor FeatureWithoutRole = new(
            DiagnosticIds.FeatureWithoutRole, Title(DiagnosticIds.FeatureWithoutRole), Format(DiagnosticIds.FeatureWithoutRole), Usage,
            DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.FeatureWithoutRole));

        public static readonly DiagnosticDescriptor TargetedSequencePooled = new(
            DiagnosticIds.TargetedSequencePooled, Title(DiagnosticIds.TargetedSequencePooled), Format(DiagnosticIds.TargetedSequencePooled), Usage,
            DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.TargetedSequencePooled));

        public static readonly DiagnosticDescriptor StringTarget = new(
            DiagnosticIds.StringTarget, Title(DiagnosticIds.StringTarget), Format(DiagnosticIds.StringTarget), Usage,
            DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.StringTarget));

        public static readonly DiagnosticDescriptor NoCsvReader = new(
            DiagnosticIds.NoCsvReader, Title(DiagnosticIds.NoCsvReader), Format(DiagnosticIds.NoCsvReader), Usage,
            DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.NoCsvReader));

        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            LabelCount,
            MultipleFeatureKinds,
            UnknownSequenceTarget,
            SequenceTargetNotSparse,
            UnsupportedMemberType,
            InvalidSize,
            RoleOnNonFeature,
            NoWideFeature,
            NoDeepFeature,
            TooFewFmFields,
            FmDimensionMismatch,
            SequenceConflictsWithTarget,
            DinWithoutTargetedSequence,
            EsmmLabels,
            SharedTableMismatch,
            NotAccessible,
            LabelIsFeature,
            MultipleGroups,
            UnusedRole,
            FeatureWithoutRole,
            TargetedSequencePooled,
            StringTarget,
            NoCsvReader);

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

        /// <summary>The descriptor of <paramref name="id"/>, or null for an id the analyzers do not report.</summary>
        public static DiagnosticDescriptor? For(string id) => ById.TryGetValue(id, out var descriptor) ? descriptor : null;

        private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var descriptor in All) index[descriptor.Id] = descriptor;
            return index;
        }

        private static string Title(string id) => RuleCatalog.Find(id)?.Title ?? id;

        private static string Format(string id) => RuleCatalog.Find(id)?.MessageFormat ?? id;
    }
}
