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

    /// <summary>The shape of a member's type, as far as features and labels care.</summary>
    internal enum TypeShape { Other, Bool, Integer, Floating, String, Enum }

    /// <summary>Which attribute declared a feature kind on a member.</summary>
    internal enum FeatureKindDeclaration { Sparse, Dense, Sequence }

    /// <summary>A member's type. <see cref="ElementShape"/> is set for arrays, lists and read-only lists.</summary>
    /// <param name="FullyQualifiedName">global::-qualified, as written in emitted code (nullable annotation included).</param>
    /// <param name="Shape">Shape of the type itself (Other for collections).</param>
    /// <param name="IsNullable">Nullable value type or nullable-annotated reference type.</param>
    /// <param name="IsCollection">Array, IReadOnlyList, IList, List, ImmutableArray or IEnumerable of something.</param>
    /// <param name="ElementShape">Shape of the element type of a collection.</param>
    /// <param name="ElementFullyQualifiedName">global::-qualified element type of a collection.</param>
    /// <param name="SpecialType">The C# keyword or BCL name of the (element) primitive type, e.g. "int", "long", "float", "System.Half".</param>
    /// <param name="EnumValueCount">For enums (or collections of enums): max underlying value + 1, when every value is non-negative; otherwise 0.</param>
    internal sealed record MemberType(
        string FullyQualifiedName,
        TypeShape Shape,
        bool IsNullable,
        bool IsCollection,
        TypeShape ElementShape,
        string ElementFullyQualifiedName,
        string SpecialType,
        int EnumValueCount);

    /// <summary>An attribute argument as written: the argument name and whether it was given.
    /// Used by rules that care whether a value was set explicitly (e.g. Vocab vs HashBuckets).</summary>
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
        bool TargetIsNameof,
        double DenseDefault,
        EquatableArray<string> ExplicitArguments);

    /// <summary>One model attribute on the record, with every setting resolved to its value or default.</summary>
    internal sealed record ModelDeclaration(
        ModelKind Kind,
        int EmbeddingDim,
        EquatableArray<int> Hidden,
        EquatableArray<int> AttentionHidden,
        EquatableArray<int> CtrHidden,
        EquatableArray<int> CvrHidden,
        double Dropout,
        bool AttentionSoftmax,
        int Activation);

    /// <summary>A property (or positional-record parameter, merged with its property) and the RecDsl
    /// attributes found on either.</summary>
    /// <param name="Features">Every feature-kind attribute found (more than one is RDSL0002).</param>
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
        bool IsInitOnlyOrSettable);

    /// <summary>A containing type of a nested record, outermost first.</summary>
    internal sealed record ContainingTypeDeclaration(string Name, TypeDeclarationKind Kind, bool IsGeneric, bool IsStatic);

    /// <summary>A record (or class/struct) carrying at least one model attribute.</summary>
    /// <param name="Namespace">Containing namespace, "" for the global namespace.</param>
    /// <param name="Name">Simple name.</param>
    /// <param name="MetadataName">Fully qualified metadata name ("Shop.Outer+AdClick"), used for hint names.</param>
    /// <param name="FullyQualifiedName">"global::Shop.Outer.AdClick", used in emitted code.</param>
    /// <param name="IsAccessible">Public or internal all the way out (generated types can name it).</param>
    /// <param name="IsPublic">Public all the way out (generated types may be public).</param>
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
        EquatableArray<MemberDeclaration> Members);

    /// <summary>A broken rule. The analyzer turns it into a diagnostic at the narrowest span it can find from
    /// <see cref="Member"/>, <see cref="Attribute"/> and <see cref="Argument"/>; the generator emits nothing for a
    /// record with any error.</summary>
    /// <param name="Id">RDSLxxxx.</param>
    /// <param name="Member">Offending member, or null for the record itself.</param>
    /// <param name="Attribute">Offending attribute's short name (e.g. "Sequence", "DeepFM"), if any.</param>
    /// <param name="Argument">Offending named argument (e.g. "Target"), if any.</param>
    /// <param name="MessageArguments">Arguments of the diagnostic's message format.</param>
    internal sealed record Violation(
        string Id,
        string? Member,
        string? Attribute,
        string? Argument,
        EquatableArray<string> MessageArguments);
}
