using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Model
{
    /// <summary>
    /// Resolves a valid declaration into a <see cref="RecordSpec"/>: slots in declaration order within each kind,
    /// tables (own name, Table = "x", or the target's), cardinalities (Vocab, HashBuckets, or inferred for enums
    /// and bools), fixed embedding dims, id mappings and the names of generated members.
    /// The declaration must have passed DeclarationRules; anything it cannot handle is an internal error
    /// (<see cref="InvalidOperationException"/>), which the generator reports as RDSL0900.
    /// </summary>
    internal static class SpecBuilder
    {
        public static RecordSpec Build(RecordDeclaration record, CancellationToken cancellationToken = default)
        {
            var featureMembers = record.Members.Where(m => m.Features.Count == 1).ToList();
            var tables = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
            var features = new List<FeatureSpec>();
            var usedNames = new HashSet<string>(ReservedBatchNames, StringComparer.Ordinal);
            int sparseSlot = 0, denseSlot = 0, sequenceSlot = 0, oovIndex = 0;

            // Targets first: a targeted sequence takes its target's table, whatever the order of declaration.
            foreach (var member in featureMembers)
            {
                var feature = member.Features[0];
                if (feature.Kind == FeatureKindDeclaration.Sparse)
                    Register(tables, TableOf(member, feature), member, feature);
            }
            foreach (var member in featureMembers)
            {
                var feature = member.Features[0];
                if (feature.Kind == FeatureKindDeclaration.Sequence && feature.Target is null)
                    Register(tables, TableOf(member, feature), member, feature);
            }

            foreach (var member in featureMembers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var feature = member.Features[0];
                switch (feature.Kind)
                {
                    case FeatureKindDeclaration.Dense:
                        features.Add(new FeatureSpec(
                            member.Name, FeatureSpecKind.Dense, denseSlot++, -1, member.Wide, member.Deep, member.FmField,
                            Table: "", Cardinality: 0, ExplicitDim: 0, MaxLen: 0, Pooling: FeatureDefaults.Pooling, Target: null,
                            OovThrow: false, Hashed: false, IdMapping.Integer, SequenceAccess.None,
                            member.Type.FullyQualifiedName, member.Type.IsNullable,
                            IsFloating: member.Type.Shape == TypeShape.Floating && member.Type.SpecialType != "decimal",
                            feature.DenseDefault, Claim(usedNames, member.Name), null, null));
                        break;

                    case FeatureKindDeclaration.Sparse:
                    {
                        var table = tables[TableOf(member, feature)];
                        features.Add(new FeatureSpec(
                            member.Name, FeatureSpecKind.Sparse, sparseSlot++, oovIndex++, member.Wide, member.Deep, member.FmField,
                            table.Name, table.Cardinality, table.ExplicitDim, MaxLen: 0, Pooling: FeatureDefaults.Pooling, Target: null,
                            OovThrow: feature.OovPolicy == FeatureDefaults.OovThrow, table.Hashed,
                            MappingOf(member.Type.Shape, table), SequenceAccess.None,
                            member.Type.FullyQualifiedName, member.Type.IsNullable, IsFloating: false, DenseDefault: double.NaN,
                            Claim(usedNames, member.Name), null, null));
                        break;
                    }

                    case FeatureKindDeclaration.Sequence:
                    {
                        TableInfo table;
                        if (feature.Target is { } target)
                        {
                            var targetMember = record.Members.FirstOrDefault(m => m.Name == target)
                                ?? throw new InvalidOperationException($"Sequence '{member.Name}' targets unknown member '{target}'.");
                            table = tables[TableOf(targetMember, targetMember.Features[0])];
                        }
                        else
                        {
                            table = tables[TableOf(member, feature)];
                        }
                        var batchName = Claim(usedNames, member.Name);
                        features.Add(new FeatureSpec(
                            member.Name, FeatureSpecKind.Sequence, sequenceSlot++, oovIndex++, member.Wide, member.Deep, member.FmField,
                            table.Name, table.Cardinality, table.ExplicitDim, feature.MaxLen, feature.Pooling, feature.Target,
                            OovThrow: feature.OovPolicy == FeatureDefaults.OovThrow, table.Hashed,
                            MappingOf(member.Type.ElementShape, table), AccessOf(member.Type),
                            member.Type.ElementFullyQualifiedName, member.Type.ElementIsNullable, IsFloating: false, DenseDefault: double.NaN,
                            batchName, Claim(usedNames, member.Name + "Mask"), Claim(usedNames, member.Name + "Length")));
                        break;
                    }
                }
            }

            var labels = new List<LabelSpec>();
            GroupSpec? group = null;
            foreach (var member in record.Members)
            {
                if (member.Label) labels.Add(LabelOf(member, LabelRole.Label, "Label", usedNames));
                if (member.ClickLabel) labels.Add(LabelOf(member, LabelRole.ClickLabel, "ClickLabel", usedNames));
                if (member.ConversionLabel) labels.Add(LabelOf(member, LabelRole.ConversionLabel, "ConversionLabel", usedNames));
                if (member.Group && group is null) group = GroupOf(member);
            }

            var prefix = string.Concat(record.ContainingTypes.Select(t => t.Name)) + record.Name;
            var displayName = record.FullyQualifiedName.StartsWith("global::", StringComparison.Ordinal)
                ? record.FullyQualifiedName.Substring("global::".Length)
                : record.FullyQualifiedName;

            return new RecordSpec(
                record.Namespace,
                displayName,
                record.FullyQualifiedName,
                record.MetadataName,
                prefix,
                record.IsPublic,
                features.ToEquatableArray(),
                VocabulariesOf(tables.Values, featureMembers, record).ToEquatableArray(),
                labels.ToEquatableArray(),
                group,
                record.Models.Select(m => ModelOf(m, prefix)).ToEquatableArray(),
                CsvReaderSpecBuilder.Build(record, prefix, out _));
        }

        // Members of FeatureBatch (and object) that a typed property must not hide (MemberNameCollisionTests reads the
        // runtime's members by reflection and fails when one is missing here).
        private static readonly string[] ReservedBatchNames =
        {
            "Count", "SparseRows", "Dense", "SequenceRows", "Label", "ClickLabel", "ConversionLabel", "Groups", "Device",
            "RecordName", "Vocabularies", "SequenceMask", "To", "Select", "Rebuild", "Dispose", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        };

        // VocabularySet members a table property must not hide (checked the same way).
        private static readonly string[] ReservedVocabularyNames =
        {
            "RecordName", "Tables", "Item", "Digest", "Save", "Load", "Fit", "Format", "ReadTables", "RequireMinCount",
            "RequireRecord", "NoRecordsToFit", "Equals", "GetHashCode", "ToString", "GetType",
            "MemberwiseClone", "Finalize",
        };

        private sealed class TableInfo
        {
            public TableInfo(string name, long cardinality, int explicitDim, bool hashed, bool usesVocabulary)
            {
                Name = name;
                Cardinality = cardinality;
                ExplicitDim = explicitDim;
                Hashed = hashed;
                UsesVocabulary = usesVocabulary;
            }

            public string Name { get; }
            public long Cardinality { get; }
            public int ExplicitDim { get; }
            public bool Hashed { get; }
            public bool UsesVocabulary { get; }
        }

        private static string TableOf(MemberDeclaration member, FeatureDeclaration feature) =>
            string.IsNullOrEmpty(feature.Table) ? member.Name : feature.Table!;

        // The first feature that names a table fixes its size; DeclarationRules (RDSL0017) made the others agree.
        private static void Register(Dictionary<string, TableInfo> tables, string name, MemberDeclaration member, FeatureDeclaration feature)
        {
            if (tables.ContainsKey(name)) return;
            var shape = member.Type.IsCollection ? member.Type.ElementShape : member.Type.Shape;
            bool hashed = feature.HashBuckets > 0;
            long cardinality = hashed ? feature.HashBuckets
                : feature.Vocab > 0 ? feature.Vocab
                : shape == TypeShape.Bool ? 2
                : shape == TypeShape.Enum && member.Type.EnumValueCount > 0 ? member.Type.EnumValueCount
                : throw new InvalidOperationException($"Feature '{member.Name}' has no Vocab or HashBuckets and its type does not give one.");
            tables.Add(name, new TableInfo(name, cardinality, feature.EmbeddingDim, hashed, !hashed && shape == TypeShape.String));
        }

        private static IdMapping MappingOf(TypeShape shape, TableInfo table)
        {
            switch (shape)
            {
                case TypeShape.String:
                    return table.Hashed ? IdMapping.HashString : IdMapping.Vocabulary;
                case TypeShape.Integer:
                    return table.Hashed ? IdMapping.HashInteger : IdMapping.Integer;
                case TypeShape.Enum:
                    return table.Hashed ? IdMapping.HashInteger : IdMapping.Enum;
                case TypeShape.Bool:
                    return IdMapping.Bool;
                default:
                    throw new InvalidOperationException($"A {shape} value cannot be an id (table '{table.Name}').");
            }
        }

        private static SequenceAccess AccessOf(MemberType type) => type.Collection switch
        {
            CollectionKind.Array => SequenceAccess.Array,
            CollectionKind.List or CollectionKind.IList or CollectionKind.IReadOnlyList => SequenceAccess.Indexable,
            CollectionKind.ImmutableArray => SequenceAccess.ImmutableArray,
            CollectionKind.IEnumerable => SequenceAccess.Enumerable,
            _ => throw new System.InvalidOperationException($"'{type.FullyQualifiedName}' is not a supported sequence type."),
        };

        private static LabelSpec LabelOf(MemberDeclaration member, LabelRole role, string baseProperty, HashSet<string> usedNames) =>
            new(member.Name, role, member.Type.Shape == TypeShape.Bool, member.Type.IsNullable,
                member.Name == baseProperty ? null : Claim(usedNames, member.Name));

        private static GroupSpec? GroupOf(MemberDeclaration member)
        {
            var mapping = member.Type.Shape switch
            {
                TypeShape.Integer or TypeShape.Enum => GroupMapping.Integer,
                TypeShape.Bool => GroupMapping.Bool,
                TypeShape.String => GroupMapping.String,
                _ => (GroupMapping?)null,
            };
            return mapping is { } m ? new GroupSpec(member.Name, m, member.Type.IsNullable) : null;
        }

        private static IEnumerable<VocabularyTableSpec> VocabulariesOf(IEnumerable<TableInfo> tables, List<MemberDeclaration> members, RecordDeclaration record)
        {
            var used = new HashSet<string>(ReservedVocabularyNames, StringComparer.Ordinal);
            foreach (var table in tables.Where(t => t.UsesVocabulary))
            {
                var sources = new List<VocabularySource>();
                foreach (var member in members)
                {
                    var feature = member.Features[0];
                    if (feature.Kind == FeatureKindDeclaration.Dense) continue;
                    string memberTable = feature.Target is { } target
                        ? TableOf(record.Members.First(m => m.Name == target), record.Members.First(m => m.Name == target).Features[0])
                        : TableOf(member, feature);
                    if (memberTable != table.Name) continue;
                    sources.Add(new VocabularySource(member.Name, feature.Kind == FeatureKindDeclaration.Sequence ? AccessOf(member.Type) : SequenceAccess.None));
                }
                var property = Claim(used, Identifiers.Pascal(Identifiers.Sanitize(table.Name)), "Vocabulary");
                yield return new VocabularyTableSpec(table.Name, property, Identifiers.Field(property) + "Vocabulary", table.Cardinality, sources.ToEquatableArray());
            }
        }

        private static ModelSpec ModelOf(ModelDeclaration model, string prefix) =>
            new(model.Kind, prefix + model.Kind, model.EmbeddingDim, model.Hidden, model.AttentionHidden, model.CtrHidden, model.CvrHidden,
                model.Dropout, model.AttentionSoftmax, model.Activation);

        // Takes name, or name + suffix (then a number) when it would clash with a base member or another property.
        private static string Claim(HashSet<string> used, string name, string suffix = "Tensor")
        {
            var candidate = used.Contains(name) ? name + suffix : name;
            for (int i = 2; used.Contains(candidate); i++) candidate = name + suffix + i;
            used.Add(candidate);
            return candidate;
        }
    }

    /// <summary>The runtime attributes' defaults and enum values the spec needs, as ints.</summary>
    internal static class FeatureDefaults
    {
        public const int Pooling = 1; // RecDsl.Pooling.Mean
        public const int OovThrow = 1; // RecDsl.OovPolicy.Throw
    }
}
