using System.Linq;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>
    /// Emits <c>{Record}Collator</c>: one loop over the records with one statement per member, writing the rows of the
    /// batch's blocks (<c>HostBuffers</c> spans: the new tensors' memory on the CPU) with no reflection, no boxing and no
    /// per-row allocation, through small helpers of the runtime base class, which keeps the generated code short to compile.
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
                w.Open("public " + spec.CollatorName + "(" + spec.VocabularyName + " vocabulary) : base(" + spec.SchemaName + ".Default, vocabulary)");
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
            if (sparseWidth > 0) w.Line(SpanOf("long") + " sparse = buffers.Sparse;");
            if (denseWidth > 0) w.Line(SpanOf("float") + " dense = buffers.Dense;");
            foreach (var f in spec.Features.Where(f => f.Kind == FeatureSpecKind.Sequence))
                w.Line(SpanOf("long") + " " + SequenceRows(f) + " = buffers.Sequence(" + f.Slot + ");");
            foreach (var label in spec.Labels) w.Line(SpanOf("float") + " " + LabelBuffer(label) + " = buffers." + label.Role + ";");
            if (spec.Group is not null) w.Line("long[] groups = buffers.Groups!;");
            var counted = spec.Features.Where(f => f.Kind != FeatureSpecKind.Dense && CanBeOov(f) && !f.OovThrow).ToList();
            if (counted.Count > 0) w.Line("long " + string.Join(", ", counted.Select(f => "oov" + f.OovIndex + " = 0")) + ";");
            // One pass, record by record: each record is read once and each buffer row is written front to back.
            w.Open("for (int i = 0; i < records.Length; i++)");
            w.Line("ref readonly " + spec.RecordType + " record = ref records[i];");
            foreach (var f in spec.Features)
            {
                switch (f.Kind)
                {
                    case FeatureSpecKind.Sparse: Sparse(w, spec, f, sparseWidth); break;
                    case FeatureSpecKind.Dense: Dense(w, f, denseWidth); break;
                    case FeatureSpecKind.Sequence: Sequence(w, spec, f); break;
                }
            }
            foreach (var label in spec.Labels) Label(w, label);
            if (spec.Group is not null) Group(w, spec.Group);
            w.Close();
            foreach (var f in counted) w.Line("Oov.Add(" + f.OovIndex + ", oov" + f.OovIndex + ");");
            w.Close();

            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("protected override " + spec.BatchName + " CreateBatch(int count, " + RuntimeTypes.Tensor + " sparseRows, " + RuntimeTypes.Tensor + " dense, " + RuntimeTypes.Tensor + "[] sequenceRows,");
            w.Line("    " + RuntimeTypes.Tensor + "? label, " + RuntimeTypes.Tensor + "? clickLabel, " + RuntimeTypes.Tensor + "? conversionLabel, long[]? groups) =>");
            w.Line("    new " + spec.BatchName + "(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups);");
            w.Close();
        }

        private static void Sparse(SourceWriter w, RecordSpec spec, FeatureSpec f, int width)
        {
            w.Line("// " + f.Member + ": " + Describe(f) + " -> sparse column " + f.Slot + ".");
            Row(w, spec, f, "record." + Identifiers.Escape(f.Member), "sparse[i * " + width + " + " + f.Slot + "]", "i", null, inBlock: false);
        }

        private static void Sequence(SourceWriter w, RecordSpec spec, FeatureSpec f)
        {
            string rows = SequenceRows(f), maxLen = f.MaxLen.ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Line("// " + f.Member + ": " + Describe(f) + ", the most recent " + maxLen + " items, padded with row 0 at the end.");
            w.Open();
            string member = "record." + Identifiers.Escape(f.Member), source;
            switch (f.Access)
            {
                case SequenceAccess.Array:
                    w.Line("var items = " + member + ";");
                    w.Line("int count = items is null ? 0 : items.Length;");
                    source = "items![k]";
                    break;
                case SequenceAccess.Indexable:
                    w.Line("var items = " + member + ";");
                    w.Line("int count = items is null ? 0 : items.Count;");
                    source = "items![k]";
                    break;
                case SequenceAccess.ImmutableArray:
                    w.Line("var items = " + member + ";");
                    w.Line("int count = items.IsDefault ? 0 : items.Length;");
                    source = "items[k]";
                    break;
                default:
                    // Only an IEnumerable: one pass through a ring buffer that keeps the last MaxLen items.
                    w.Line("int count = " + RuntimeTypes.SequenceTail + ".Copy(" + member + ", " + ScratchField(f) + ");");
                    source = ScratchField(f) + "[k]";
                    break;
            }
            w.Line("int start = count > " + maxLen + " ? count - " + maxLen + " : 0, offset = i * " + maxLen + " - start;");
            w.Open("for (int k = start; k < count; k++)");
            Row(w, spec, f, source, rows + "[offset + k]", "i", "k", inBlock: true);
            w.Close();
            w.Line(rows + ".Slice(offset + count, " + maxLen + " - (count - start)).Clear();");
            w.Close();
        }

        /// <summary>Writes the row of <paramref name="source"/> (read once) to <paramref name="target"/>, counting OOV ids
        /// through the base class's CountOov: one statement when the row expression reads its value once, else with the
        /// value in a local (in a block of its own unless <paramref name="inBlock"/>); OovPolicy.Throw checks the row.</summary>
        private static void Row(SourceWriter w, RecordSpec spec, FeatureSpec f, string source, string target, string rowIndex, string? item, bool inBlock)
        {
            bool throws = f.OovThrow && CanBeOov(f), counts = !f.OovThrow && CanBeOov(f);
            string Counted(string expression) => counts ? "CountOov(" + expression + ", ref oov" + f.OovIndex + ")" : expression;
            if (!throws && !ReadsValueTwice(f))
            {
                w.Line(target + " = " + Counted(RowExpression(spec, f, source)) + ";");
                return;
            }
            if (!inBlock) w.Open();
            w.Line("var value = " + source + ";");
            if (throws)
            {
                w.Line("long row = " + RowExpression(spec, f, "value") + ";");
                OovThrow(w, f, "value", rowIndex, item);
                w.Line(target + " = row;");
            }
            else
            {
                w.Line(target + " = " + Counted(RowExpression(spec, f, "value")) + ";");
            }
            if (!inBlock) w.Close();
        }

        private static void Dense(SourceWriter w, FeatureSpec f, int width)
        {
            var policy = f.HasDenseDefault ? "NaN/Inf/missing -> " + Literal.Float(f.DenseDefault) : "NaN/Inf/missing is an error";
            w.Line("// " + f.Member + ": " + ShortType(f.ValueType) + " (" + policy + ") -> dense column " + f.Slot + ".");
            string member = "record." + Identifiers.Escape(f.Member), target = "dense[i * " + width + " + " + f.Slot + "]";
            string name = Literal.String(f.Member), fallback = Literal.Float(f.DenseDefault);
            if (f.IsFloating)
            {
                // float/double (nullable or not): the base class's helpers check NaN/Inf and null.
                w.Line(target + " = " + (f.HasDenseDefault ? "FiniteOr(" + member + ", " + fallback + ")" : "Finite(" + member + ", " + name + ", i)") + ";");
            }
            else if (!f.ValueIsNullable)
            {
                w.Line(target + " = (float)" + member + ";");
            }
            else
            {
                // Integers and decimal are always finite: only null needs a policy.
                w.Open();
                w.Line("var raw = " + member + ";");
                w.Line(target + " = raw.HasValue ? (float)raw.GetValueOrDefault() : " + (f.HasDenseDefault ? fallback : "MissingDense(" + name + ", i)") + ";");
                w.Close();
            }
        }

        // Labels are never nullable (RDSL rule on label types).
        private static void Label(SourceWriter w, LabelSpec label)
        {
            string member = "record." + Identifiers.Escape(label.Member), target = LabelBuffer(label) + "[i]";
            w.Line("// " + label.Member + ": the " + label.Role + " (" + (label.IsBool ? "true = 1, false = 0" : "a probability in [0, 1]") + ").");
            w.Line(target + " = " + (label.IsBool ? member + " ? 1F : 0F" : "Label(" + member + ", " + Literal.String(label.Member) + ", i)") + ";");
        }

        private static void Group(SourceWriter w, GroupSpec group)
        {
            string member = "record." + Identifiers.Escape(group.Member);
            w.Line("// " + group.Member + ": the gAUC group of each row.");
            string expression = group.Mapping switch
            {
                GroupMapping.String => "GroupOf(" + member + ")",
                GroupMapping.Bool => group.IsNullable ? "GroupOf(" + member + ")" : member + " ? 1L : 0L",
                _ => group.IsNullable ? "GroupOf((long?)" + member + ")" : "(long)" + member,
            };
            w.Line("groups[i] = " + expression + ";");
        }

        private static string LabelBuffer(LabelSpec label) => label.Role switch
        {
            LabelRole.ClickLabel => "clickLabel",
            LabelRole.ConversionLabel => "conversionLabel",
            _ => "label",
        };

        /// <summary>A nullable value type reads its value twice (HasValue, then the value).</summary>
        private static bool ReadsValueTwice(FeatureSpec f) =>
            f.ValueIsNullable && f.Mapping != IdMapping.Vocabulary && f.Mapping != IdMapping.HashString;

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

        private static void OovThrow(SourceWriter w, FeatureSpec f, string value, string rowIndex, string? item)
        {
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
            w.Line("if (row == 1L) " + RuntimeTypes.CollationErrors + ".Oov(" + Literal.String(f.Member) + ", " + rowIndex + ", global::System.Convert.ToString(" + value + ", " + RuntimeTypes.Invariant + "), " + reason + ");");
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

        private static string SpanOf(string element) => "global::System.Span<" + element + ">";

        private static string SequenceRows(FeatureSpec f) => Identifiers.Field(f.Member) + "Rows";

        private static string ScratchField(FeatureSpec f) => Identifiers.Field(f.Member) + "Scratch";

        // "string?" -> "new string?[50]"; "int[]" element types never occur (no nested collections).
        private static string ArrayOf(string elementType, int length) => elementType + "[" + length + "]";
    }
}
