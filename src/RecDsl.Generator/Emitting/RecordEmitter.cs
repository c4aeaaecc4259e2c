using System.Collections.Generic;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>Every file generated for one record: one per artifact (schema, batch, collator, vocabulary when needed,
    /// CSV reader when the record can be built from columns, one per model attribute), so an edit to one record
    /// re-emits only that record's files.</summary>
    internal static class RecordEmitter
    {
        public static IEnumerable<GeneratedFile> Emit(RecordSpec spec)
        {
            yield return SchemaEmitter.Emit(spec);
            yield return BatchEmitter.Emit(spec);
            yield return CollatorEmitter.Emit(spec);
            if (spec.NeedsVocabulary) yield return VocabularyEmitter.Emit(spec);
            if (spec.CsvReader is { } reader) yield return CsvReaderEmitter.Emit(spec, reader);
            foreach (var model in spec.Models) yield return ModelEmitter.Emit(spec, model);
        }
    }
}
