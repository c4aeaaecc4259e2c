// What the CSV reader of one record reads: each column, the CsvRow accessor that converts it, and how the record is
// created from the values. Built by CsvReaderSpecBuilder; emitted by Emitting/CsvReaderEmitter.
//
// Must be cacheable: immutable, with structural equality; no ISymbol, SyntaxNode, Location or Compilation may
// appear here, or the incremental pipeline roots old compilations and never caches.
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Model
{
    /// <summary>Which family of <c>CsvRow</c> accessors converts a field (or each item of a sequence field).</summary>
    internal enum CsvValueKind
    {
        /// <summary>GetString, GetNullableString; items: GetStringItems, GetNullableStringItems.</summary>
        String,
        /// <summary>GetInteger&lt;T&gt;, GetNullableInteger&lt;T&gt;; items: GetIntegerItems&lt;T&gt;.</summary>
        Integer,
        /// <summary>GetFloat&lt;T&gt;, GetNullableFloat&lt;T&gt; (float and double).</summary>
        Float,
        /// <summary>GetBoolean, GetNullableBoolean; items: GetBooleanItems.</summary>
        Boolean,
        /// <summary>GetEnum&lt;T&gt;, GetNullableEnum&lt;T&gt;; items: GetEnumItems&lt;T&gt;.</summary>
        Enum,
    }

    /// <summary>How a sequence's items are copied out of the accessor's reused span into the member's collection.</summary>
    internal enum CsvItemsCopy
    {
        /// <summary>Not a sequence: one value per field.</summary>
        None,
        /// <summary><c>span.ToArray()</c>: arrays, IList, IReadOnlyList, IEnumerable.</summary>
        Array,
        /// <summary><c>CsvCollections.ToList(span)</c>.</summary>
        List,
        /// <summary><c>CsvCollections.ToImmutableArray(span)</c>.</summary>
        ImmutableArray,
    }

    /// <summary>One member read from one column.</summary>
    /// <param name="Member">The member's name (a constructor argument's parameter name for positional records).</param>
    /// <param name="Column">The column name: [Column]'s name, else the member's.</param>
    /// <param name="Kind">The accessor family.</param>
    /// <param name="TypeArgument">The accessor's type argument: the keyword of an integer or floating type, the
    /// global::-qualified enum type; "" for strings and bools.</param>
    /// <param name="Nullable">Use the nullable accessor (an empty field gives null; for sequences: string? items).</param>
    /// <param name="Default">Use the overload with a default (an empty field, and for floats NaN or an infinity, gives
    /// this value); NaN when there is none.</param>
    /// <param name="Items">How a sequence's items are copied; None for a single value.</param>
    /// <param name="Separator">Item separator of a sequence field.</param>
    internal sealed record CsvColumnSpec(
        string Member,
        string Column,
        CsvValueKind Kind,
        string TypeArgument,
        bool Nullable,
        double Default,
        CsvItemsCopy Items,
        char Separator)
    {
        public bool HasDefault => !double.IsNaN(Default);
    }

    /// <summary>The reader of one record: <c>new T(arguments...) { initializers... }</c>, columns resolved in that order.</summary>
    /// <param name="ClassName">The generated reader class.</param>
    /// <param name="ConstructorArguments">A positional record's primary-constructor parameters, in order (empty otherwise).</param>
    /// <param name="Initializers">Settable members set in the object initializer, in declaration order.</param>
    internal sealed record CsvReaderSpec(
        string ClassName,
        EquatableArray<CsvColumnSpec> ConstructorArguments,
        EquatableArray<CsvColumnSpec> Initializers);
}
