using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>Emits <c>{Record}Batch</c>: a FeatureBatch with one typed property per feature and label.</summary>
    internal static class BatchEmitter
    {
        public static GeneratedFile Emit(RecordSpec spec) =>
            new(EmitterCommon.HintName(spec, "Batch"), EmitterCommon.File(spec, w => Body(w, spec)));

        private static void Body(SourceWriter w, RecordSpec spec)
        {
            const string Tensor = RuntimeTypes.Tensor;
            var name = spec.BatchName;
            w.Line("/// <summary>A batch of " + EmitterCommon.SeeRecord(spec) + " rows in the layout every RecDsl model reads, with one typed");
            w.Line("/// property per member. Feature properties return a new view (a tensor sharing the batch's storage) on each access:");
            w.Line("/// dispose it, or read it inside a <c>torch.NewDisposeScope()</c>. Disposing the batch disposes its tensors.</summary>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " sealed partial class " + name + " : " + RuntimeTypes.FeatureBatch);
            w.Line("/// <summary>Creates a batch that owns the given tensors (see <see cref=\"" + RuntimeTypes.FeatureBatch + "\"/> for the layout).</summary>");
            w.Line("public " + name + "(int count, " + Tensor + " sparseRows, " + Tensor + " dense, global::System.Collections.Generic.IReadOnlyList<" + Tensor + "> sequenceRows,");
            w.Line("    " + Tensor + "? label, " + Tensor + "? clickLabel, " + Tensor + "? conversionLabel, long[]? groups)");
            w.Line("    : base(count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, groups)");
            w.Open();
            w.Close();

            foreach (var f in spec.Features)
            {
                w.Line();
                switch (f.Kind)
                {
                    case FeatureSpecKind.Sparse:
                        w.Line("/// <summary><c>" + f.Member + "</c>: Int64 [B], rows of table <c>" + Xml(f.Table) + "</c> (0 padding, 1 OOV, id v at v + 2). A new view of column " + f.Slot + " of <see cref=\"" + RuntimeTypes.FeatureBatch + ".SparseRows\"/>.</summary>");
                        w.Line("public " + Tensor + " " + Identifiers.Escape(f.BatchProperty!) + " => SparseRows.select(1, " + f.Slot + ");");
                        break;
                    case FeatureSpecKind.Dense:
                        w.Line("/// <summary><c>" + f.Member + "</c>: Float32 [B] values. A new view of column " + f.Slot + " of <see cref=\"" + RuntimeTypes.FeatureBatch + ".Dense\"/>.</summary>");
                        w.Line("public " + Tensor + " " + Identifiers.Escape(f.BatchProperty!) + " => Dense.select(1, " + f.Slot + ");");
                        break;
                    case FeatureSpecKind.Sequence:
                        w.Line("/// <summary><c>" + f.Member + "</c>: Int64 [B, " + f.MaxLen + "], rows of table <c>" + Xml(f.Table) + "</c>, oldest to newest, the most recent " + f.MaxLen + " kept, padded with row 0 at the end.</summary>");
                        w.Line("public " + Tensor + " " + Identifiers.Escape(f.BatchProperty!) + " => SequenceRows[" + f.Slot + "];");
                        w.Line();
                        w.Line("/// <summary>Bool [B, " + f.MaxLen + "]: true where <c>" + f.Member + "</c> holds a real item (a new tensor).</summary>");
                        w.Line("public " + Tensor + " " + Identifiers.Escape(f.MaskProperty!) + " => SequenceMask(" + f.Slot + ");");
                        w.Line();
                        w.Line("/// <summary>Int64 [B]: number of real items kept of <c>" + f.Member + "</c> (a new tensor).</summary>");
                        w.Line("public " + Tensor + " " + Identifiers.Escape(f.LengthProperty!) + " => global::RecDsl.Batching.Sequences.Length(SequenceRows[" + f.Slot + "]);");
                        break;
                }
            }

            foreach (var label in spec.Labels)
            {
                if (label.BatchProperty is null) continue;
                w.Line();
                w.Line("/// <summary><c>" + label.Member + "</c>: Float32 [B] label (the base <see cref=\"" + RuntimeTypes.FeatureBatch + "." + label.Role + "\"/>).</summary>");
                w.Line("public " + Tensor + " " + Identifiers.Escape(label.BatchProperty!) + " => " + label.Role + "!;");
            }

            w.Line();
            w.Line("/// <summary>A copy of this batch on <paramref name=\"device\"/>, still typed (this batch when it is already there).</summary>");
            w.Line("public new " + name + " To(" + RuntimeTypes.Device + " device) => (" + name + ")base.To(device);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("protected override " + RuntimeTypes.FeatureBatch + " Rebuild(" + Tensor + " sparseRows, " + Tensor + " dense, global::System.Collections.Generic.IReadOnlyList<" + Tensor + "> sequenceRows,");
            w.Line("    " + Tensor + "? label, " + Tensor + "? clickLabel, " + Tensor + "? conversionLabel) =>");
            w.Line("    new " + name + "(Count, sparseRows, dense, sequenceRows, label, clickLabel, conversionLabel, Groups);");
            w.Close();
        }

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
