// The resolved generation spec of one record: slots, tables, resolved sizes, labels and models, everything the
// emitters need and nothing they do not. Built from a valid RecordDeclaration by SpecBuilder.
//
// Must be cacheable: immutable, with structural equality; no ISymbol, SyntaxNode, Location or Compilation may
// appear here, or the incremental pipeline roots old compilations and never caches.
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Model
{
    /// <summary>Sparse, dense or sequence (mirrors RecDsl.Schema.FeatureKind).</summary>
    internal enum FeatureSpecKind { Sparse, Dense, Sequence }

    /// <summary>How a sparse value (or sequence item) becomes an embedding row.</summary>
    internal enum IdMapping
    {
        /// <summary>Integral id v in [0, N): row v + 2, else OOV.</summary>
        Integer,
        /// <summary>Enum: its underlying value as the id.</summary>
        Enum,
        /// <summary>false = id 0, true = id 1.</summary>
        Bool,
        /// <summary>String through the table's fitted vocabulary.</summary>
        Vocabulary,
        /// <summary>String through the stable hash into N buckets.</summary>
        HashString,
        /// <summary>Integral/enum value (as long) through the stable hash into N buckets.</summary>
        HashInteger,
    }

    /// <summary>How generated code reads the items of a sequence member.</summary>
    internal enum SequenceAccess
    {
        /// <summary>Not a sequence.</summary>
        None,
        /// <summary>T[]: Length and indexer.</summary>
        Array,
        /// <summary>List, IList, IReadOnlyList: Count and indexer.</summary>
        Indexable,
        /// <summary>ImmutableArray (a struct): IsDefault, Length and indexer.</summary>
        ImmutableArray,
        /// <summary>IEnumerable: one pass through a ring buffer that keeps the last MaxLen items.</summary>
        Enumerable,
    }

    /// <summary>Which label a member is.</summary>
    internal enum LabelRole { Label, ClickLabel, ConversionLabel }

    /// <summary>How a group member becomes a long.</summary>
    internal enum GroupMapping { Integer, Bool, String }

    /// <summary>One feature with every size resolved.</summary>
    /// <param name="Member">Record member name (also the feature name).</param>
    /// <param name="Slot">Column within its kind's block, in declaration order.</param>
    /// <param name="OovIndex">Index in the collator's OOV counter (sparse and sequence features in declaration
    /// order); -1 for dense.</param>
    /// <param name="Table">Embedding table; "" for dense.</param>
    /// <param name="Cardinality">Real ids of the table (Vocab, HashBuckets or inferred); 0 for dense.</param>
    /// <param name="ExplicitDim">Embedding dim fixed by the declaration (the feature's or its target's); 0 = the model's.</param>
    /// <param name="MaxLen">Sequences only.</param>
    /// <param name="Pooling">RecDsl.Pooling as int.</param>
    /// <param name="Target">Targeted sequences: the target member.</param>
    /// <param name="OovThrow">OovPolicy.Throw.</param>
    /// <param name="Hashed">Rows come from the stable hash.</param>
    /// <param name="Mapping">How values become rows (sparse and sequence).</param>
    /// <param name="Access">How sequence items are read.</param>
    /// <param name="ValueType">global::-qualified type of the value (sparse/dense member) or item (sequence).</param>
    /// <param name="ValueIsNullable">The value/item may be null (nullable value type or annotated reference).</param>
    /// <param name="IsFloating">Dense float/double: check for NaN/Inf.</param>
    /// <param name="DenseDefault">Dense replacement for NaN/Inf/null; NaN when unset (then such a value is an error).</param>
    /// <param name="BatchProperty">Name of the typed batch property.</param>
    /// <param name="MaskProperty">Sequences: name of the mask property.</param>
    /// <param name="LengthProperty">Sequences: name of the lengths property.</param>
    internal sealed record FeatureSpec(
        string Member,
        FeatureSpecKind Kind,
        int Slot,
        int OovIndex,
        bool Wide,
        bool Deep,
        bool FmField,
        string Table,
        long Cardinality,
        int ExplicitDim,
        int MaxLen,
        int Pooling,
        string? Target,
        bool OovThrow,
        bool Hashed,
        IdMapping Mapping,
        SequenceAccess Access,
        string ValueType,
        bool ValueIsNullable,
        bool IsFloating,
        double DenseDefault,
        string BatchProperty,
        string? MaskProperty,
        string? LengthProperty)
    {
        public bool HasDenseDefault => !double.IsNaN(DenseDefault);
    }

    /// <summary>A member that feeds a vocabulary table during Fit.</summary>
    internal sealed record VocabularySource(string Member, SequenceAccess Access);

    /// <summary>A table whose strings map through a fitted vocabulary.</summary>
    /// <param name="Property">Name of the typed property on the generated vocabulary class.</param>
    /// <param name="Field">Name of the collator field holding it.</param>
    /// <param name="Capacity">At most this many tokens (the table's Vocab).</param>
    internal sealed record VocabularyTableSpec(string Table, string Property, string Field, long Capacity, EquatableArray<VocabularySource> Sources);

    /// <summary>A label member.</summary>
    /// <param name="BatchProperty">Typed batch property, or null when the base property already has the member's name.</param>
    internal sealed record LabelSpec(string Member, LabelRole Role, bool IsBool, bool IsNullable, string? BatchProperty);

    /// <summary>The [Group] member.</summary>
    internal sealed record GroupSpec(string Member, GroupMapping Mapping, bool IsNullable);

    /// <summary>One model attribute with its settings.</summary>
    internal sealed record ModelSpec(
        ModelKind Kind,
        string ClassName,
        int EmbeddingDim,
        EquatableArray<int> Hidden,
        EquatableArray<int> AttentionHidden,
        EquatableArray<int> CtrHidden,
        EquatableArray<int> CvrHidden,
        double Dropout,
        bool AttentionSoftmax,
        int Activation);

    /// <summary>Everything generated for one record.</summary>
    /// <param name="Namespace">Namespace of the record and of every generated type ("" = global).</param>
    /// <param name="RecordName">Display name for messages and the schema ("Shop.Outer.AdClick").</param>
    /// <param name="RecordType">global::-qualified record type.</param>
    /// <param name="MetadataName">Fully qualified metadata name, for hint names.</param>
    /// <param name="TypePrefix">Prefix of generated type names: the record's name, after its containing types' names
    /// for nested records (Outer.AdClick -> OuterAdClick), so they can live beside it in its namespace.</param>
    /// <param name="IsPublic">Generated types are public (else internal).</param>
    /// <param name="CsvReader">How the CSV reader builds the record from columns; null when it cannot
    /// (CsvReaderSpecBuilder), and then no reader is emitted.</param>
    internal sealed record RecordSpec(
        string Namespace,
        string RecordName,
        string RecordType,
        string MetadataName,
        string TypePrefix,
        bool IsPublic,
        EquatableArray<FeatureSpec> Features,
        EquatableArray<VocabularyTableSpec> Vocabularies,
        EquatableArray<LabelSpec> Labels,
        GroupSpec? Group,
        EquatableArray<ModelSpec> Models,
        CsvReaderSpec? CsvReader)
    {
        public string SchemaName => TypePrefix + "Schema";
        public string BatchName => TypePrefix + "Batch";
        public string CollatorName => TypePrefix + "Collator";
        public string VocabularyName => TypePrefix + "Vocabulary";
        public bool NeedsVocabulary => Vocabularies.Count > 0;
        public string Accessibility => IsPublic ? "public" : "internal";
    }
}
