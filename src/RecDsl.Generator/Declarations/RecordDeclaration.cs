// The declaration model: what a record declares, as read from symbols, before any validation.
// Shared by the generator and the analyzers (linked source), so both read declarations the same way
// and judge them with the same rules (DeclarationRules).
//
// Must be cacheable: immutable, with structural equality; no ISymbol, SyntaxNode, Location or
// Compilation may appear here, or the incremental pipeline roots old compilations and never caches.
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Declarations
{
    /// <summary>Which model a model attribute asks for.</summary>
    internal enum ModelKind { WideDeep, DeepFM, Din, Esmm }

    /// <summary>Class, struct, record class or record struct.</summary>
    internal enum TypeDeclarationKind { Class, Struct, RecordClass, RecordStruct }

    /// <summary>The shape of a member's type, as far as features and labels care.
    /// Integer: byte, sbyte, short, ushort, int, uint, long, ulong. Floating: float, double, decimal.</summary>
    internal enum TypeShape { Other, Bool, Integer, Floating, String, Enum }

    /// <summary>Which collection a member's type is (None when it is not one of the supported collections).
    /// A string is never a collection.</summary>
    internal enum CollectionKind { None, Array, List, IList, IReadOnlyList, IEnumerable, ImmutableArray }

    /// <summary>Which attribute declared a feature kind on a member.</summary>
    internal enum FeatureKindDeclaration { Sparse, Dense, Sequence }

    /// <summary>How <c>Sequence.Target</c> was written.</summary>
    internal enum TargetForm { None, Nameof, StringLiteral, Other }

    /// <summary>Property or field (a positional-record parameter becomes its property).</summary>
    internal enum MemberSymbolKind { Property, Field }

    /// <summary>A member's type.</summary>
    /// <param name="FullyQualifiedName">global::-qualified, as written in emitted code (nullable annotation included).</param>
    /// <param name="Shape">Shape of the type itself, looking through Nullable&lt;T&gt; (Other for collections).</param>
    /// <param name="IsNullable">Nullable value type or nullable-annotated reference type.</param>
    /// <param name="IsCollection">Collection != None.</param>
    /// <param name="ElementShape">Shape of the element type of a collection, looking through Nullable&lt;T&gt;.</param>
    /// <param name="ElementFullyQualifiedName">global::-qualified element type of a collection ("" otherwise).</param>
    /// <param name="SpecialType">The C# keyword of the (element) primitive type: "int", "long", "float", "string", "bool";
    /// for enums the keyword of the underlying type; "" otherwise.</param>
    /// <param name="EnumValueCount">For enums (or collections of enums): max value + 1 when every value is in [0, 2^24];
    /// otherwise 0 (the vocabulary cannot be inferred).</param>
    /// <param name="Collection">Which collection, or None.</param>
    /// <param name="ElementIsNullable">The element type is a nullable value type or nullable-annotated reference type.</param>
    internal sealed record MemberType(
        string FullyQualifiedName,
        TypeShape Shape,
        bool IsNullable,
        bool IsCollection,
        TypeShape ElementShape,
        string ElementFullyQualifiedName,
        string SpecialType,
        int EnumValueCount,
        CollectionKind Collection,
        bool ElementIsNullable)
    {
        /// <summary>The shape that ids/values are made of: the element shape for collections, else the shape.</summary>
        public TypeShape ValueShape => IsCollection ? ElementShape : Shape;
    }

    /// <summary>One feature-kind attribute ([Sparse], [Dense] or [Sequence]) with every setting resolved to its value
    /// or the runtime attribute's default. Settings that do not exist on the attribute keep the defaults listed here
    /// (0, null, 50, NaN).</summary>
    /// <param name="Vocab">0 when unset.</param>
    /// <param name="HashBuckets">0 when unset.</param>
    /// <param name="EmbeddingDim">0 when unset (= the model's, or the target's for a targeted sequence).</param>
    /// <param name="OovPolicy">RecDsl.OovPolicy as int (0 = Bucket).</param>
    /// <param name="MaxLen">Sequence only; default 50.</param>
    /// <param name="Pooling">RecDsl.Pooling as int (1 = Mean, the default).</param>
    /// <param name="Target">Sequence.Target's value, null when unset.</param>
    /// <param name="TargetForm">How Target was written (nameof, string literal, other constant).</param>
    /// <param name="DenseDefault">Dense.Default; NaN when unset.</param>
    /// <param name="ExplicitArguments">Names of the named arguments written in source, in source order.</param>
    /// <param name="HasErrors">The attribute application does not bind cleanly (the compiler reports it): its values
    /// cannot be trusted, so rules skip value checks on it and the generator emits nothing for the record.</param>
    internal sealed record FeatureDeclaration(
        FeatureKindDeclaration Kind,
        int Vocab,
        int HashBuckets,
        int EmbeddingDim,
        string? Table,
        int OovPolicy,
        int MaxLen,
        int Pooling,
        string? Target,
        TargetForm TargetForm,
        double DenseDefault,
        EquatableArray<string> ExplicitArguments,
        bool HasErrors)
    {
        public const int DefaultMaxLen = 50;
        public const int DefaultPooling = 1; // Pooling.Mean
        public const int DefaultOovPolicy = 0; // OovPolicy.Bucket

        /// <summary>Whether the named argument was written in source.</summary>
        public bool IsExplicit(string argument) => ExplicitArguments.Contains(argument);

        /// <summary>Attribute short name as written without the suffix ("Sparse", "Dense", "Sequence").</summary>
        public string AttributeName => Kind.ToString();
    }

    /// <summary>One model attribute on the record, with every setting resolved to its value or default
    /// (the runtime attribute's defaults; see ModelDefaults).</summary>
    /// <param name="Hidden">WideDeep/DeepFM/Din hidden sizes (empty for Esmm). An explicit null array reads as empty
    /// and is listed in NullArguments.</param>
    /// <param name="AttentionHidden">Din only (empty otherwise).</param>
    /// <param name="CtrHidden">Esmm only (empty otherwise).</param>
    /// <param name="CvrHidden">Esmm only (empty otherwise).</param>
    /// <param name="Activation">RecDsl.Activation as int (Relu = 0, Dice = 1, PRelu = 2, Sigmoid = 3, Tanh = 4).</param>
    /// <param name="ExplicitArguments">Names of the named arguments written in source, in source order.</param>
    /// <param name="NullArguments">Array settings explicitly set to null.</param>
    /// <param name="HasErrors">The attribute application does not bind cleanly (the compiler reports it).</param>
    internal sealed record ModelDeclaration(
        ModelKind Kind,
        int EmbeddingDim,
        EquatableArray<int> Hidden,
        EquatableArray<int> AttentionHidden,
        EquatableArray<int> CtrHidden,
        EquatableArray<int> CvrHidden,
        double Dropout,
        bool AttentionSoftmax,
        int Activation,
        EquatableArray<string> ExplicitArguments,
        EquatableArray<string> NullArguments,
        bool HasErrors)
    {
        /// <summary>Attribute short name ("WideDeep", "DeepFM", "Din", "Esmm").</summary>
        public string AttributeName => Kind.ToString();

        /// <summary>WideDeep, DeepFM and Din train on one [Label]; Esmm on [ClickLabel] + [ConversionLabel].</summary>
        public bool IsSingleTask => Kind != ModelKind.Esmm;
    }

    /// <summary>A property or field (a positional-record parameter is merged with its property) and the RecDsl
    /// attributes found on either. Every instance property and field declared on the record is listed, with or
    /// without attributes, so rules can tell "no such member" from "not a feature" and the generator can construct
    /// positional records.</summary>
    /// <param name="Features">Every feature-kind attribute found, in order (more than one is RDSL0002).</param>
    /// <param name="ColumnName">[Column("name")]'s name, null without [Column].</param>
    /// <param name="ColumnSeparator">[Column].Separator, '|' by default.</param>
    /// <param name="IsReadable">Has a getter (or is a field) that generated code in the same assembly can call.</param>
    /// <param name="IsInitOnlyOrSettable">Has a setter or init accessor (or is a non-readonly field) that generated code
    /// can call.</param>
    /// <param name="SymbolKind">Property or field.</param>
    /// <param name="PositionalIndex">Index of the primary-constructor parameter of a positional record; -1 otherwise.</param>
    /// <param name="IsRequired">Declared <c>required</c>.</param>
    /// <param name="IsComputed">A property with neither a setter nor storage of its own (a getter with a body): its
    /// value derives from other members, so the CSV reader does not read it from a column.</param>
    internal sealed record MemberDeclaration(
        string Name,
        MemberType Type,
        EquatableArray<FeatureDeclaration> Features,
        bool Wide,
        bool Deep,
        bool FmField,
        bool Label,
        bool ClickLabel,
        bool ConversionLabel,
        bool Group,
        string? ColumnName,
        char ColumnSeparator,
        bool IsReadable,
        bool IsInitOnlyOrSettable,
        MemberSymbolKind SymbolKind,
        int PositionalIndex,
        bool IsRequired,
        bool IsComputed)
    {
        /// <summary>The member's feature when it declares exactly one feature kind; null otherwise.</summary>
        public FeatureDeclaration? Feature => Features.Count == 1 ? Features[0] : null;

        /// <summary>Carries at least one feature-kind attribute.</summary>
        public bool IsFeature => Features.Count > 0;

        /// <summary>Carries [Wide], [Deep] or [FmField].</summary>
        public bool HasRole => Wide || Deep || FmField;
    }

    /// <summary>A member of a base type with a RecDsl attribute: <paramref name="Attribute"/> is the first one's short
    /// name ("Sparse"), <paramref name="BaseType"/> the base type's name as C# writes it.</summary>
    internal sealed record InheritedAnnotation(string Member, string BaseType, string Attribute);

    /// <summary>A containing type of a nested record, outermost first.</summary>
    internal sealed record ContainingTypeDeclaration(string Name, TypeDeclarationKind Kind, bool IsGeneric, bool IsStatic);

    /// <summary>A record (or class/struct) carrying at least one model attribute.</summary>
    /// <param name="Namespace">Containing namespace, "" for the global namespace.</param>
    /// <param name="Name">Simple name.</param>
    /// <param name="MetadataName">Fully qualified metadata name ("Shop.Outer+AdClick"), used for hint names.</param>
    /// <param name="FullyQualifiedName">"global::Shop.Outer.AdClick", used in emitted code.</param>
    /// <param name="IsGeneric">The record itself has type parameters.</param>
    /// <param name="IsAccessible">Public or internal all the way out, and not file-local (generated types can name it).</param>
    /// <param name="IsPublic">Public all the way out (generated types may be public).</param>
    /// <param name="Models">Model attributes in source order.</param>
    /// <param name="Members">Instance properties and fields declared on the record, positional ones first in parameter
    /// order, then the others in declaration order.</param>
    /// <param name="IsAbstract">Declared abstract (generated code cannot create one).</param>
    /// <param name="HasParameterlessConstructor">Has a constructor without parameters that generated code in the same
    /// assembly can call (structs always do), so it can be created with an object initializer.</param>
    /// <param name="InheritsRequiredMembers">A base type declares a <c>required</c> member (members of base types are not
    /// read, so generated code could not set it).</param>
    /// <param name="InheritedAnnotations">Members of base types that carry RecDsl attributes, which the record does not
    /// declare again: they are not read, so the model would leave them out without a word (RDSL0018).</param>
    internal sealed record RecordDeclaration(
        string Namespace,
        string Name,
        string MetadataName,
        string FullyQualifiedName,
        TypeDeclarationKind Kind,
        EquatableArray<ContainingTypeDeclaration> ContainingTypes,
        bool IsGeneric,
        bool IsAccessible,
        bool IsPublic,
        EquatableArray<ModelDeclaration> Models,
        EquatableArray<MemberDeclaration> Members,
        bool IsAbstract,
        bool HasParameterlessConstructor,
        bool InheritsRequiredMembers,
        EquatableArray<InheritedAnnotation> InheritedAnnotations)
    {
        /// <summary>The member called <paramref name="name"/> (ordinal), or null.</summary>
        public MemberDeclaration? FindMember(string? name)
        {
            if (name is null) return null;
            foreach (var member in Members)
                if (member.Name == name) return member;
            return null;
        }

        /// <summary>Whether a model of this kind is declared.</summary>
        public bool HasModel(ModelKind kind)
        {
            foreach (var model in Models)
                if (model.Kind == kind) return true;
            return false;
        }
    }

    /// <summary>A broken rule. The analyzer turns it into a diagnostic at the narrowest span it can find from
    /// <see cref="Member"/>, <see cref="Attribute"/>, <see cref="Occurrence"/> and <see cref="Argument"/>; the
    /// generator emits nothing for a record with any error-severity violation (DiagnosticIds.SeverityOf).</summary>
    /// <param name="Id">RDSLxxxx (DiagnosticIds).</param>
    /// <param name="Member">Offending member, or null for the record itself (then Attribute is a model attribute or
    /// null for the record's name).</param>
    /// <param name="Attribute">Offending attribute's short name (e.g. "Sequence", "DeepFM"), if any.</param>
    /// <param name="Argument">Offending named argument (e.g. "Target"), if any.</param>
    /// <param name="MessageArguments">Arguments of the diagnostic's message format (RuleCatalog).</param>
    /// <param name="Occurrence">Which application of <see cref="Attribute"/> on the member when it appears more than
    /// once (e.g. on the parameter and with <c>property:</c>), 0-based in reading order.</param>
    internal sealed record Violation(
        string Id,
        string? Member,
        string? Attribute,
        string? Argument,
        EquatableArray<string> MessageArguments,
        int Occurrence = 0);
}
