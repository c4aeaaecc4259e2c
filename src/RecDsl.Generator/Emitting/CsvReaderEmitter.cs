using System;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>
    /// Emits <c>{Record}CsvReader</c> (docs/architecture.md, "CSV readers"): a <c>CsvRecordReader&lt;T&gt;</c> whose
    /// <c>Bind</c> resolves every member's column once per file into locals c0..cN and returns a lambda that builds one
    /// record per row through the typed <c>CsvRow</c> accessors. The accessors report bad fields with file, line and
    /// column; the generated code adds no checks of its own.
    /// </summary>
    internal static class CsvReaderEmitter
    {
        public static GeneratedFile Emit(RecordSpec spec, CsvReaderSpec reader) =>
            new(EmitterCommon.HintName(spec, "CsvReader"), EmitterCommon.File(spec, w => Body(w, spec, reader)));

        private static void Body(SourceWriter w, RecordSpec spec, CsvReaderSpec reader)
        {
            var record = spec.RecordType;
            w.Line("/// <summary>Reads " + EmitterCommon.SeeRecord(spec) + " records from CSV: each member from the column");
            w.Line("/// of its name or its [Column] name, resolved once per file.</summary>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " sealed partial class " + reader.ClassName + " : " + RuntimeTypes.CsvRecordReader + "<" + record + ">");
            w.Line("/// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>");
            w.Line("public " + reader.ClassName + "(" + RuntimeTypes.CsvReadOptions + "? options = null) : base(options) { }");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open("protected override " + RuntimeTypes.CsvRowReader + "<" + record + "> Bind(" + RuntimeTypes.CsvHeader + " header)");

            // Locals in reading order: constructor arguments first, then initialized members.
            int index = 0;
            foreach (var column in reader.ConstructorArguments) ResolveColumn(w, column, index++);
            foreach (var column in reader.Initializers) ResolveColumn(w, column, index++);

            var arguments = reader.ConstructorArguments;
            var initializers = reader.Initializers;
            index = 0;
            if (arguments.Count == 0 && initializers.Count == 0)
            {
                w.Line("return row => new " + record + "();");
            }
            else if (arguments.Count == 0)
            {
                w.Open("return row => new " + record);
            }
            else
            {
                w.Line("return row => new " + record + "(");
                for (int i = 0; i < arguments.Count; i++)
                {
                    bool last = i == arguments.Count - 1;
                    w.Line("    " + Read(arguments[i], index++) + (!last ? "," : initializers.Count == 0 ? ");" : ")"));
                }
                if (initializers.Count > 0) w.Open();
            }
            if (initializers.Count > 0)
            {
                foreach (var column in initializers)
                    w.Line(Identifiers.Escape(column.Member) + " = " + Read(column, index++) + ",");
                w.Close(";");
            }
            w.Close();
            w.Close();
        }

        private static void ResolveColumn(SourceWriter w, CsvColumnSpec column, int index) =>
            w.Line("int c" + index + " = header.Column(" + Literal.String(column.Column) + ", " + Literal.String(column.Member) + ");");

        /// <summary>The expression that reads column <c>c{index}</c> into the member (docs/architecture.md, the member
        /// type -> expression table).</summary>
        private static string Read(CsvColumnSpec c, int index)
        {
            string column = "c" + index;
            if (c.Items != CsvItemsCopy.None)
            {
                string items = "(" + column + ", " + Literal.Char(c.Separator) + ")";
                string span = c.Kind switch
                {
                    CsvValueKind.String => "row." + (c.Nullable ? "GetNullableStringItems" : "GetStringItems") + items,
                    CsvValueKind.Integer => "row.GetIntegerItems<" + c.TypeArgument + ">" + items,
                    CsvValueKind.Boolean => "row.GetBooleanItems" + items,
                    CsvValueKind.Enum => "row.GetEnumItems<" + c.TypeArgument + ">" + items,
                    _ => throw new InvalidOperationException($"No item accessor reads {c.Kind} items ('{c.Member}')."),
                };
                // The accessor's span is a buffer that the next item call reuses: copy it in the same expression.
                return c.Items switch
                {
                    CsvItemsCopy.List => RuntimeTypes.CsvCollections + ".ToList(" + span + ")",
                    CsvItemsCopy.ImmutableArray => RuntimeTypes.CsvCollections + ".ToImmutableArray(" + span + ")",
                    _ => span + ".ToArray()",
                };
            }

            string generic = c.TypeArgument.Length > 0 ? "<" + c.TypeArgument + ">" : "";
            if (c.HasDefault) return "row.Get" + c.Kind + generic + "(" + column + ", " + DefaultLiteral(c) + ")";
            return "row.Get" + (c.Nullable ? "Nullable" : "") + c.Kind + generic + "(" + column + ")";
        }

        private static string DefaultLiteral(CsvColumnSpec c) => c.TypeArgument switch
        {
            "float" => Literal.Float(c.Default),
            "double" => Literal.Double(c.Default),
            _ => Literal.Integral(c.Default),
        };
    }
}
