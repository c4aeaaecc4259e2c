using System.Linq;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>
    /// Emits <c>{Record}Collator</c>: one fill method per member, each a plain loop over the records that writes one
    /// column of a reused host buffer (no reflection, no boxing, no per-row allocation). The runtime base class then
    /// makes one tensor per block with a single copy.
    /// </summary>
    internal static class CollatorEmitter
    {
        private const string Span = "global::System.ReadOnlySpan";

        public static GeneratedFile Emit(RecordSpec spec) =>
            new(EmitterCommon.HintName(spec, "Collator"), EmitterCommon.File(spec, w => Body(w, spec)));

        private static void Body(SourceWriter w, RecordSpec spec)
        {
            var records = Span + "<" + spec.RecordType + "> records";
            int sparseWidth = spec.Features.Count(f => f.Kind == FeatureSpecKind.Sparse);
            int denseWidth = spec.Features.Count(f => f.Kind == FeatureSpecKind.Dense);

            w.Line("/// <summary>Turns " + EmitterCommon.SeeRecord(spec) + " records into a <see cref=\"" + spec.BatchName + "\"/>: maps ids to embedding rows");
            w.Line("/// (row 0 padding, row 1 OOV, id v at v + 2), hashes and looks up strings, keeps the most recent MaxLen items of");
            w.Line("/// each sequence, rejects NaN/Inf dense values that have no declared default, and counts OOV ids per feature.</summary>");
            w.Line("/// <remarks>Reuses its host buffers: use one collator per thread.</remarks>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " sealed partial class " + spec.CollatorName + " : " + RuntimeTypes.RecordCollator + "<" + spec.RecordType + ", " + spec.BatchName + ">");

            foreach (var table in spec.Vocabularies)
                w.Line("private readonly " + RuntimeTypes.Vocabulary + " " + table.Field + ";");
            foreach (var f in spec.Features.Where(f => f.Access == SequenceAccess.Enumerable))
                w.Line("private readonly " + f.ValueType + "[] " + ScratchField(f) + " = new " + ArrayOf(f.ValueType, f.MaxLen) + ";");
            if (spec.Vocabularies.Count > 0 || spec.Features.Any(f => f.Access == SequenceAccess.Enumerable)) w.Line();

            if (spec.NeedsVocabulary)
            {
                w.Line("/// <summary>Creates a collator that maps strings through the fitted <paramref name=\"vocabulary\"/>.</summary>");
                w.Open("public " + spec.CollatorName + "(" + spec.VocabularyName + " vocabulary) : base(" + spec.SchemaName + ".Default)");
                w.Line("if (vocabulary is null) throw new global::System.ArgumentNullException(nameof(vocabulary));");
                foreach (var table in spec.Vocabularies) w.Line(table.Field + " = vocabulary." + table.Property + ";");
                w.Close();
            }
            else
            {
                w.Line("/// <summary>Creates a collator.</summary>");
                w.Open("public " + spec.CollatorName + "() : base(" + spec.SchemaName + ".Default)");
                w.Close();
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open("protected override void Fill(" + records + ", " + RuntimeTypes.HostBuffers + " buffers)");
            // Member by member within tiles of rows: each member's loop re-reads the same records, which a tile keeps in
            // cache (one pass per member over a whole batch would stream every record from memory once per member).
            w.Open("for (int first = 0; first < records.Length; first += TileRows)");
            w.Line("int end = global::System.Math.Min(records.Length, first + TileRows);");
            foreach (var f in spec.Features)
            {
                var buffer = f.Kind switch
                {
                    FeatureSpecKind.Sparse => "buffers.Sparse",
                    FeatureSpecKind.Dense => "buffers.Dense",
                    _ => "buffers.Sequences[" + f.Slot + "]",
                };
                w.Line("Fill" + f.Member + "(records, first, end, " + buffer + ");");
            }
            foreach (var label in spec.Labels) w.Line("Fill" + label.Member + "(records, first, end, buffers." + label.Role + ");");
            if (spec.Group is not null) w.Line("GroupsFrom" + spec.Group.Member + "(records, first, end, buffers.Groups!);");
            w.Close();
            w.Close();

            foreach (var f in spec.Features)
            {
                w.Line();
                switch (f.Kind)
                {
                    case FeatureSpecKind.Sparse: Sparse(w, spec, f, records, sparseWidth); break;
                    case FeatureSpecKind.Dense: Dense(w, f, records, denseWidth); break;
                    case FeatureSpecKind.Sequence: Sequence(w, spec, f, records); break;
                }
            }
            foreach (var label in spec.Labels)
            {
                w.Line();
                Label(w, label, records);
            }
            if (spec.Group is not null)
            {
                w.Line();
                Group(w, spec.Group, records);
            }

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("protected override " + spec.BatchName + " CreateBatch(int count, " + RuntimeTypes.Tensor + " sparseRows, " + RuntimeTypes.Tensor + " dense, " + RuntimeTypes.Tensor + "[] sequenceRows,");
            w.Line("    " + RuntimeTypes.Tensor + "? label, " + RuntimeTypes.Tensor + "? clickLabel, " + RuntimeTypes.Tensor + "? conversionLabel, long[]? groups) =>");
            w.Line("    new " + spec.BatchName + "(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);");
            w.Close();
        }

        private static void Sparse(SourceWriter w, RecordSpec spec, FeatureSpec f, string records, int width)
        {
            w.Line("// " + f.Member + ": " + Describe(f) + " -> column " + f.Slot + " of the sparse block.");
            w.Open("private void Fill" + f.Member + "(" + records + ", int first, int end, long[] sparse)");
            bool canBeOov = CanBeOov(f);
            if (canBeOov && !f.OovThrow) w.Line("long oov = 0;");
            w.Open("for (int i = first; i < end; i++)");
            w.Line("var value = records[i]." + Identifiers.Escape(f.Member) + ";");
            w.Line("long row = " + RowExpression(spec, f, "value") + ";");
            if (canBeOov) OovCheck(w, f, "value", "i", null);
            w.Line("sparse[i * " + width + " + " + f.Slot + "] = row;");
            w.Close();
            if (canBeOov && !f.OovThrow) w.Line("Oov.Add(" + f.OovIndex + ", oov);");
            w.Close();
        }

        private static void Sequence(SourceWriter w, RecordSpec spec, FeatureSpec f, string records)
        {
            w.Line("// " + f.Member + ": " + Describe(f) + ", the most recent " + f.MaxLen + " items, padded with row 0 at the end.");
            w.Open("private void Fill" + f.Member + "(" + records + ", int first, int end, long[] rows)");
            w.Line("const int maxLen = " + f.MaxLen + ";");
            bool canBeOov = CanBeOov(f);
            if (canBeOov && !f.OovThrow) w.Line("long oov = 0;");
            w.Open("for (int i = first; i < end; i++)");
            string source;
            switch (f.Access)
            {
                case SequenceAccess.Array:
                    w.Line("var items = records[i]." + Identifiers.Escape(f.Member) + ";");
                    w.Line("int count = items is null ? 0 : items.Length;");
                    source = "items![k]";
                    break;
                case SequenceAccess.Indexable:
                    w.Line("var items = records[i]." + Identifiers.Escape(f.Member) + ";");
                    w.Line("int count = items is null ? 0 : items.Count;");
                    source = "items![k]";
                    break;
                case SequenceAccess.ImmutableArray:
                    w.Line("var items = records[i]." + Identifiers.Escape(f.Member) + ";");
                    w.Line("int count = items.IsDefault ? 0 : items.Length;");
                    source = "items[k]";
                    break;
                default:
                    w.Line("// Only an IEnumerable: one pass through a ring buffer that keeps the last maxLen items.");
                    w.Line("int count = " + RuntimeTypes.SequenceTail + ".Copy(records[i]." + Identifiers.Escape(f.Member) + ", " + ScratchField(f) + ");");
                    source = ScratchField(f) + "[k]";
                    break;
            }
            w.Line("int start = count > maxLen ? count - maxLen : 0;");
            w.Line("int offset = i * maxLen - start;");
            w.Open("for (int k = start; k < count; k++)");
            w.Line("var value = " + source + ";");
            w.Line("long row = " + RowExpression(spec, f, "value") + ";");
            if (canBeOov) OovCheck(w, f, "value", "i", "k");
            w.Line("rows[offset + k] = row;");
            w.Close();
            w.Line("global::System.Array.Clear(rows, offset + count, maxLen - (count - start));");
            w.Close();
            if (canBeOov && !f.OovThrow) w.Line("Oov.Add(" + f.OovIndex + ", oov);");
            w.Close();
        }

        private static void Dense(SourceWriter w, FeatureSpec f, string records, int width)
        {
            var policy = f.HasDenseDefault ? "NaN/Inf/missing -> " + Literal.Float(f.DenseDefault) : "NaN/Inf/missing is an error";
            w.Line("// " + f.Member + ": " + ShortType(f.ValueType) + " (" + policy + ") -> column " + f.Slot + " of the dense block.");
            w.Open("private static void Fill" + f.Member + "(" + records + ", int first, int end, float[] dense)");
            w.Open("for (int i = first; i < end; i++)");
            w.Line("var raw = records[i]." + Identifiers.Escape(f.Member) + ";");
            if (f.ValueIsNullable)
            {
                w.Line("float value = raw.HasValue ? (float)raw.GetValueOrDefault() : float.NaN;");
                w.Open("if (!float.IsFinite(value))");
                if (f.HasDenseDefault) w.Line("value = " + Literal.Float(f.DenseDefault) + ";");
                else if (f.IsFloating)
                {
                    w.Line("if (raw.HasValue) " + RuntimeTypes.CollationErrors + ".NonFiniteDense(" + Literal.String(f.Member) + ", i, raw.GetValueOrDefault());");
                    w.Line("else " + RuntimeTypes.CollationErrors + ".MissingDense(" + Literal.String(f.Member) + ", i);");
                }
                else w.Line(RuntimeTypes.CollationErrors + ".MissingDense(" + Literal.String(f.Member) + ", i);");
                w.Close();
            }
            else
            {
                w.Line("float value = (float)raw;");
                if (f.IsFloating)
                {
                    w.Open("if (!float.IsFinite(value))");
                    if (f.HasDenseDefault) w.Line("value = " + Literal.Float(f.DenseDefault) + ";");
                    else w.Line(RuntimeTypes.CollationErrors + ".NonFiniteDense(" + Literal.String(f.Member) + ", i, raw);");
                    w.Close();
                }
            }
            w.Line("dense[i * " + width + " + " + f.Slot + "] = value;");
            w.Close();
            w.Close();
        }

        private static void Label(SourceWriter w, LabelSpec label, string records)
        {
            var member = Literal.String(label.Member);
            w.Line("// " + label.Member + ": the " + label.Role + " (" + (label.IsBool ? "true = 1, false = 0" : "a probability in [0, 1]") + ").");
            w.Open("private static void Fill" + label.Member + "(" + records + ", int first, int end, float[] label)");
            w.Open("for (int i = first; i < end; i++)");
            if (label.IsNullable)
            {
                w.Line("var raw = records[i]." + Identifiers.Escape(label.Member) + ";");
                w.Line("if (!raw.HasValue) " + RuntimeTypes.CollationErrors + ".MissingLabel(" + member + ", i);");
                w.Line((label.IsBool ? "bool" : "double") + " value = raw.GetValueOrDefault();");
            }
            else
            {
                w.Line((label.IsBool ? "bool" : "double") + " value = records[i]." + Identifiers.Escape(label.Member) + ";");
            }
            if (label.IsBool)
            {
                w.Line("label[i] = value ? 1F : 0F;");
            }
            else
            {
                w.Line("if (!(value >= 0.0 && value <= 1.0)) " + RuntimeTypes.CollationErrors + ".InvalidLabel(" + member + ", i, value);");
                w.Line("label[i] = (float)value;");
            }
            w.Close();
            w.Close();
        }

        private static void Group(SourceWriter w, GroupSpec group, string records)
        {
            w.Line("// " + group.Member + ": the gAUC group of each row.");
            w.Open("private static void GroupsFrom" + group.Member + "(" + records + ", int first, int end, long[] groups)");
            w.Open("for (int i = first; i < end; i++)");
            w.Line("var value = records[i]." + Identifiers.Escape(group.Member) + ";");
            string expression;
            switch (group.Mapping)
            {
                case GroupMapping.String:
                    expression = "value is null ? 0L : unchecked((long)" + RuntimeTypes.StableHash + ".Hash(value))";
                    break;
                case GroupMapping.Bool:
                    expression = group.IsNullable ? "value.HasValue ? (value.GetValueOrDefault() ? 1L : 0L) : long.MinValue" : "value ? 1L : 0L";
                    break;
                default:
                    expression = group.IsNullable ? "value.HasValue ? (long)value.GetValueOrDefault() : long.MinValue" : "(long)value";
                    break;
            }
            w.Line("groups[i] = " + expression + ";");
            w.Close();
            w.Close();
        }

        /// <summary>The row of one value (a member value or sequence item) held in <paramref name="value"/>.</summary>
        private static string RowExpression(RecordSpec spec, FeatureSpec f, string value)
        {
            var n = Literal.Long(f.Cardinality);
            var rowOf = "global::RecDsl.Schema.EmbeddingRows.RowOf";
            // A nullable value type: null has no id and goes to the OOV row.
            bool nullableStruct = f.ValueIsNullable && f.Mapping != IdMapping.Vocabulary && f.Mapping != IdMapping.HashString;
            string v = nullableStruct ? value + ".GetValueOrDefault()" : value;
            string row;
            switch (f.Mapping)
            {
                case IdMapping.Integer:
                case IdMapping.Enum:
                    row = rowOf + "((long)" + v + ", " + n + ")";
                    break;
                case IdMapping.Bool:
                    row = "(" + v + " ? 3L : 2L)";
                    if (f.Cardinality < 2) row = rowOf + "(" + v + " ? 1L : 0L, " + n + ")";
                    break;
                case IdMapping.Vocabulary:
                    var table = spec.Vocabularies.First(t => t.Table == f.Table);
                    return table.Field + ".RowOf(" + value + ")";
                case IdMapping.HashString:
                    return RuntimeTypes.StableHash + ".RowOf(" + value + ", " + n + ")";
                default:
                    row = RuntimeTypes.StableHash + ".RowOf((long)" + v + ", " + n + ")";
                    break;
            }
            return nullableStruct ? value + ".HasValue ? " + row + " : 1L" : row;
        }

        private static bool CanBeOov(FeatureSpec f) =>
            f.ValueIsNullable || (f.Mapping != IdMapping.Bool && f.Mapping != IdMapping.HashInteger) || (f.Mapping == IdMapping.Bool && f.Cardinality < 2);

        private static void OovCheck(SourceWriter w, FeatureSpec f, string value, string row, string? item)
        {
            if (!f.OovThrow)
            {
                w.Line("if (row == 1L) oov++;");
                return;
            }
            string reason = f.Mapping switch
            {
                IdMapping.Integer or IdMapping.Enum => Literal.String("outside [0, " + f.Cardinality + ")"),
                IdMapping.Vocabulary => Literal.String("not in the fitted vocabulary"),
                _ => Literal.String("missing"),
            };
            if (f.ValueIsNullable && f.Mapping is IdMapping.Integer or IdMapping.Enum or IdMapping.Vocabulary)
                reason = (f.Mapping == IdMapping.Vocabulary ? value + " is null" : "!" + value + ".HasValue") + " ? \"missing\" : " + reason;
            else if (!f.ValueIsNullable && f.Mapping == IdMapping.Vocabulary)
                reason = value + " is null ? \"missing\" : " + reason;
            if (item is not null) reason = "(" + reason + ") + \" (item \" + " + item + " + \")\"";
            w.Line("if (row == 1L) " + RuntimeTypes.CollationErrors + ".Oov(" + Literal.String(f.Member) + ", " + row + ", global::System.Convert.ToString(" + value + ", " + RuntimeTypes.Invariant + "), " + reason + ");");
        }

        private static string Describe(FeatureSpec f)
        {
            var type = ShortType(f.ValueType);
            return f.Mapping switch
            {
                IdMapping.Integer => type + " id in [0, " + f.Cardinality + ")",
                IdMapping.Enum => type + " value in [0, " + f.Cardinality + ")",
                IdMapping.Bool => type + " (false = id 0, true = id 1)",
                IdMapping.Vocabulary => type + " through the vocabulary of table '" + f.Table + "' (at most " + f.Cardinality + " tokens)",
                IdMapping.HashString => type + " hashed into " + f.Cardinality + " buckets",
                _ => type + " hashed into " + f.Cardinality + " buckets",
            } + (f.OovThrow ? ", OOV throws" : "");
        }

        private static string ShortType(string type) => type.Replace("global::", "");

        private static string ScratchField(FeatureSpec f) => Identifiers.Field(f.Member) + "Scratch";

        // "string?" -> "new string?[50]"; "int[]" element types never occur (no nested collections).
        private static string ArrayOf(string elementType, int length) => elementType + "[" + length + "]";
    }
}
