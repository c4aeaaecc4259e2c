using System.Collections.Generic;
using System.Linq;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Model
{
    /// <summary>
    /// Decides how a valid record is built from CSV columns (docs/architecture.md, "CSV readers"): a positional record
    /// through its primary constructor (every parameter, in order), then, for any record, an object initializer of the
    /// settable members that carry a feature, label, [Group] or [Column] attribute. Computed properties (a getter with
    /// a body) are derived from the others and not read.
    /// </summary>
    /// <remarks>
    /// Some valid records cannot be built from columns; they get no reader (and every other artifact as usual), since
    /// a reader that silently leaves a feature at its default would train on wrong data: an abstract record; a
    /// non-positional class without an accessible parameterless constructor; a member that is read but has neither a
    /// setter (or init accessor) nor a positional parameter; a <c>required</c> member that carries no attribute (no
    /// column sets it), or any required member of a base type (inherited members are not read); a member whose type no CsvRow accessor reads (decimal, nullable sequence items other than
    /// string?, a positional parameter or [Column] member of another type). The reason is returned for tests and for the
    /// analyzers' RDSL0104 (they link this file).
    /// </remarks>
    internal static class CsvReaderSpecBuilder
    {
        public static CsvReaderSpec? Build(RecordDeclaration record, string typePrefix, out string? whyNot)
        {
            whyNot = null;
            if (record.IsAbstract)
            {
                whyNot = "it is abstract";
                return null;
            }
            if (record.InheritsRequiredMembers)
            {
                whyNot = "a base type declares a required member, and members of base types are not read";
                return null;
            }

            var arguments = new List<CsvColumnSpec>();
            foreach (var member in record.Members.Where(m => m.PositionalIndex >= 0).OrderBy(m => m.PositionalIndex))
            {
                if (ColumnOf(member) is not { } column)
                {
                    whyNot = Unreadable(member);
                    return null;
                }
                arguments.Add(column);
            }
            if (arguments.Count == 0 && !record.HasParameterlessConstructor)
            {
                whyNot = "it is not a positional record and has no parameterless constructor that generated code can call";
                return null;
            }

            var initializers = new List<CsvColumnSpec>();
            foreach (var member in record.Members.Where(m => m.PositionalIndex < 0))
            {
                bool declared = member.IsFeature || member.Label || member.ClickLabel || member.ConversionLabel || member.Group
                    || member.ColumnName is not null;
                if (!declared)
                {
                    if (member.IsRequired)
                    {
                        whyNot = $"'{member.Name}' is required but carries no attribute, so no column sets it";
                        return null;
                    }
                    continue;
                }
                if (member.IsComputed) continue;
                if (!member.IsInitOnlyOrSettable)
                {
                    whyNot = $"'{member.Name}' is read from a column but has no setter or init accessor that generated code can call, nor a positional parameter";
                    return null;
                }
                if (ColumnOf(member) is not { } column)
                {
                    whyNot = Unreadable(member);
                    return null;
                }
                initializers.Add(column);
            }

            return new CsvReaderSpec(typePrefix + "CsvReader", arguments.ToEquatableArray(), initializers.ToEquatableArray());
        }

        private static string Unreadable(MemberDeclaration member) =>
            $"'{member.Name}' is {member.Type.FullyQualifiedName}, which no CsvRow accessor reads";

        /// <summary>The column spec of <paramref name="member"/>, or null when no CsvRow accessor reads its type.</summary>
        private static CsvColumnSpec? ColumnOf(MemberDeclaration member)
        {
            var type = member.Type;
            string column = member.ColumnName ?? member.Name;
            if (type.IsCollection)
            {
                var copy = type.Collection switch
                {
                    CollectionKind.List => CsvItemsCopy.List,
                    CollectionKind.ImmutableArray => CsvItemsCopy.ImmutableArray,
                    CollectionKind.Array or CollectionKind.IList or CollectionKind.IReadOnlyList or CollectionKind.IEnumerable => CsvItemsCopy.Array,
                    _ => CsvItemsCopy.None,
                };
                // Items are never null; string? items exist only so the element type matches (GetNullableStringItems).
                if (copy == CsvItemsCopy.None || ItemKindOf(type.ElementShape) is not { } itemKind
                    || (type.ElementIsNullable && itemKind != CsvValueKind.String))
                    return null;
                return new CsvColumnSpec(member.Name, column, itemKind, TypeArgument(itemKind, type.SpecialType, type.ElementFullyQualifiedName),
                    type.ElementIsNullable, double.NaN, copy, member.ColumnSeparator);
            }

            CsvValueKind kind;
            switch (type.Shape)
            {
                case TypeShape.String: kind = CsvValueKind.String; break;
                case TypeShape.Integer: kind = CsvValueKind.Integer; break;
                case TypeShape.Floating when type.SpecialType is "float" or "double": kind = CsvValueKind.Float; break;
                case TypeShape.Bool: kind = CsvValueKind.Boolean; break;
                case TypeShape.Enum: kind = CsvValueKind.Enum; break;
                default: return null;
            }
            double fallback = member.Feature is { Kind: FeatureKindDeclaration.Dense } dense ? dense.DenseDefault : double.NaN;
            // An integer member reads the default only when it is a value of its type; otherwise an empty field is
            // null (the collator applies the default) or an error.
            if (kind == CsvValueKind.Integer && !IsValueOf(type.SpecialType, fallback)) fallback = double.NaN;
            return new CsvColumnSpec(member.Name, column, kind, TypeArgument(kind, type.SpecialType, type.FullyQualifiedName),
                type.IsNullable, fallback, CsvItemsCopy.None, member.ColumnSeparator);
        }

        private static CsvValueKind? ItemKindOf(TypeShape shape) => shape switch
        {
            TypeShape.String => CsvValueKind.String,
            TypeShape.Integer => CsvValueKind.Integer,
            TypeShape.Bool => CsvValueKind.Boolean,
            TypeShape.Enum => CsvValueKind.Enum,
            _ => null,
        };

        private static string TypeArgument(CsvValueKind kind, string keyword, string fullyQualifiedName) => kind switch
        {
            CsvValueKind.Integer or CsvValueKind.Float => keyword,
            CsvValueKind.Enum => fullyQualifiedName.TrimEnd('?'),
            _ => "",
        };

        /// <summary>Whether <paramref name="value"/> is an integer in the range of the integer type <paramref name="keyword"/>
        /// (bounds are powers of two, exact as doubles).</summary>
        private static bool IsValueOf(string keyword, double value)
        {
            if (double.IsNaN(value) || value != System.Math.Floor(value)) return false;
            var (min, maxExclusive) = keyword switch
            {
                "sbyte" => (-128.0, 128.0),
                "byte" => (0.0, 256.0),
                "short" => (-32768.0, 32768.0),
                "ushort" => (0.0, 65536.0),
                "int" => (-2147483648.0, 2147483648.0),
                "uint" => (0.0, 4294967296.0),
                "long" => (-9223372036854775808.0, 9223372036854775808.0),
                "ulong" => (0.0, 18446744073709551616.0),
                _ => (0.0, 0.0),
            };
            return value >= min && value < maxExclusive;
        }
    }
}
