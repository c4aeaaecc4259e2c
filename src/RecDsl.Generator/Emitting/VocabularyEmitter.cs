using System.Linq;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>Emits <c>{Record}Vocabulary</c> (only when a string feature maps through a fitted vocabulary): one typed
    /// property per table, <c>Fit</c> over records, <c>Load</c>; <c>Save</c> comes from the runtime base.</summary>
    internal static class VocabularyEmitter
    {
        public static GeneratedFile Emit(RecordSpec spec) =>
            new(EmitterCommon.HintName(spec, "Vocabulary"), EmitterCommon.File(spec, w => Body(w, spec)));

        private static void Body(SourceWriter w, RecordSpec spec)
        {
            var vocabulary = RuntimeTypes.Vocabulary;
            var name = spec.VocabularyName;
            var tables = spec.Vocabularies;
            w.Line("/// <summary>The fitted string vocabularies of " + EmitterCommon.SeeRecord(spec) + ", one per embedding table that maps");
            w.Line("/// strings through a vocabulary. Unknown strings (and null) go to the OOV row. Immutable: share one instance.</summary>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " sealed partial class " + name + " : " + RuntimeTypes.VocabularySet);
            w.Line("private static readonly string[] TableNames = { " + string.Join(", ", tables.Select(t => Literal.String(t.Table))) + " };");
            w.Line();
            w.Line("/// <summary>Creates the set from one vocabulary per table.</summary>");
            w.Line("public " + name + "(" + string.Join(", ", tables.Select(t => vocabulary + " " + Parameter(t))) + ")");
            w.Line("    : base(" + Literal.String(spec.RecordName) + ", new[]");
            w.Line("    {");
            foreach (var t in tables)
                w.Line("        new global::System.Collections.Generic.KeyValuePair<string, " + vocabulary + ">(" + Literal.String(t.Table) + ", " + Parameter(t) + " ?? throw new global::System.ArgumentNullException(nameof(" + Parameter(t) + "))),");
            w.Line("    })");
            w.Open();
            foreach (var t in tables) w.Line(t.Property + " = " + Parameter(t) + ";");
            w.Close();

            foreach (var t in tables)
            {
                w.Line();
                w.Line("/// <summary>Vocabulary of table <c>" + t.Table + "</c> (at most " + t.Capacity + " tokens), used by " + string.Join(", ", t.Sources.Select(s => "<c>" + s.Member + "</c>")) + ".</summary>");
                w.Line("public " + vocabulary + " " + t.Property + " { get; }");
            }

            w.Line();
            w.Line("/// <summary>Fits every vocabulary on <paramref name=\"records\"/>: counts each table's strings (every item of sequences), keeps");
            w.Line("/// those seen at least <paramref name=\"minCount\"/> times, most frequent first with ties in ordinal order, at most the");
            w.Line("/// table's declared <c>Vocab</c>. The result does not depend on the order of the records.</summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">No records (fitting on them would send every string to OOV), or a null record.</exception>");
            w.Open("public static " + name + " Fit(global::System.Collections.Generic.IEnumerable<" + spec.RecordType + "> records, int minCount = 1)");
            w.Line("if (records is null) throw new global::System.ArgumentNullException(nameof(records));");
            w.Line("RequireMinCount(minCount);");
            foreach (var t in tables) w.Line("var " + Builder(t) + " = new " + RuntimeTypes.VocabularyBuilder + "();");
            w.Line("int count = 0;");
            w.Open("foreach (var record in records)");
            w.Line("RequireRecord(record, count++);");
            int sequenceNumber = 0;
            foreach (var t in tables)
            {
                var builder = Builder(t);
                foreach (var source in t.Sources)
                {
                    switch (source.Access)
                    {
                        case SequenceAccess.None:
                            w.Line(builder + ".Add(record." + Identifiers.Escape(source.Member) + ");");
                            break;
                        case SequenceAccess.ImmutableArray:
                            w.Line("if (!record." + Identifiers.Escape(source.Member) + ".IsDefault) foreach (var item in record." + Identifiers.Escape(source.Member) + ") " + builder + ".Add(item);");
                            break;
                        default:
                                                        // Pattern variables of an if condition share the enclosing scope: number them.
                            var items = "items" + sequenceNumber++;
                            w.Line("if (record." + Identifiers.Escape(source.Member) + " is { } " + items + ") foreach (var item in " + items + ") " + builder + ".Add(item);");
                            break;
                    }
                }
            }
            w.Close();
            w.Line("if (count == 0) throw NoRecordsToFit(" + Literal.String(spec.RecordName) + ");");
            w.Line("return new " + name + "(" + string.Join(", ", tables.Select(t => Builder(t) + ".Build(minCount, " + Literal.Int(t.Capacity) + ")")) + ");");
            w.Close();

            w.Line();
            w.Line("/// <summary>Reads vocabularies written by <see cref=\"" + RuntimeTypes.VocabularySet + ".Save(string)\"/>.</summary>");
            w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">Not a vocabulary file, or a table is missing.</exception>");
            w.Line("public static " + name + " Load(string path) => Create(ReadTables(path, TableNames));");
            w.Line();
            w.Line("/// <summary>Reads vocabularies written by <see cref=\"" + RuntimeTypes.VocabularySet + ".Save(global::System.IO.Stream)\"/>.</summary>");
            w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">Not a vocabulary file, or a table is missing.</exception>");
            w.Line("public static " + name + " Load(global::System.IO.Stream stream) => Create(ReadTables(stream, TableNames));");
            w.Line();
            w.Line("private static " + name + " Create(" + vocabulary + "[] tables) => new " + name + "(" + string.Join(", ", tables.Select((t, i) => "tables[" + i + "]")) + ");");
            w.Close();
        }

        // "@" keeps a table called "class" or "records" from clashing with keywords or other parameters.
        private static string Parameter(VocabularyTableSpec table) => "@" + Identifiers.Field(table.Property);

        private static string Builder(VocabularyTableSpec table) => Identifiers.Field(table.Property) + "Builder";
    }
}
