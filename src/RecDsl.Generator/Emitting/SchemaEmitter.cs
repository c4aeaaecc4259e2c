using System.Collections.Generic;
using System.Linq;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>Emits <c>{Record}Schema</c>: the declaration as <c>FeatureSchema</c> data, one instance per model.</summary>
    internal static class SchemaEmitter
    {
        public static GeneratedFile Emit(RecordSpec spec) =>
            new(EmitterCommon.HintName(spec, "Schema"), EmitterCommon.File(spec, w => Body(w, spec)));

        private static void Body(SourceWriter w, RecordSpec spec)
        {
            var schema = RuntimeTypes.FeatureSchema;
            w.Line("/// <summary>The features of " + EmitterCommon.SeeRecord(spec) + " as data: names, kinds, roles, slots, tables,");
            w.Line("/// sizes and labels. Models, collators and checkpoints read it instead of reflecting over the record.</summary>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " static partial class " + spec.SchemaName);
            var first = spec.Models[0];
            w.Line("/// <summary>The schema with the first model attribute's embedding dimension (" + first.EmbeddingDim + "); collators use it.</summary>");
            w.Line("/// <remarks>Everything but the embedding dimensions is the same for every model of the record.</remarks>");
            w.Line("public static " + schema + " Default { get; } = For(" + first.EmbeddingDim + ");");
            foreach (var model in spec.Models)
            {
                w.Line();
                w.Line("/// <summary>The schema of the <c>[" + model.Kind + "]</c> model: embedding dimension " + model.EmbeddingDim + " unless a feature sets its own.</summary>");
                w.Line("public static " + schema + " " + model.Kind + " { get; } = For(" + model.EmbeddingDim + ");");
            }
            w.Line();
            w.Line("/// <summary>The schema with <paramref name=\"embeddingDim\"/> for every feature that does not fix its own dimension.</summary>");
            w.Open("public static " + schema + " For(int embeddingDim)");
            w.Line("if (embeddingDim <= 0) throw new global::System.ArgumentOutOfRangeException(nameof(embeddingDim), embeddingDim, \"The embedding dimension must be positive.\");");
            w.Line("var features = new " + RuntimeTypes.FeatureInfo + "[]");
            w.Open();
            foreach (var feature in spec.Features) w.Line(FeatureInfo(feature) + ",");
            w.Close(";");
            w.Line("return new " + schema + "(" + Literal.String(spec.RecordName) + ", features, " + Labels(spec) + ");");
            w.Close();
            w.Close();
        }

        private static string FeatureInfo(FeatureSpec f)
        {
            var args = new List<string>
            {
                Literal.String(f.Member),
                RuntimeTypes.FeatureKind + "." + f.Kind,
                Roles(f),
                Literal.Int(f.Slot),
                Literal.String(f.Table),
                Literal.Long(f.Cardinality),
                f.Kind == FeatureSpecKind.Dense ? "0" : f.ExplicitDim > 0 ? Literal.Int(f.ExplicitDim) : "embeddingDim",
            };
            if (f.Kind == FeatureSpecKind.Sequence)
            {
                args.Add("MaxLen: " + Literal.Int(f.MaxLen));
                args.Add("Pooling: " + RuntimeTypes.PoolingName(f.Pooling));
                if (f.Target is not null) args.Add("Target: " + Literal.String(f.Target));
            }
            if (f.OovThrow) args.Add("Oov: " + RuntimeTypes.OovPolicy + ".Throw");
            if (f.Hashed) args.Add("Hashed: true");
            return "new " + RuntimeTypes.FeatureInfo + "(" + string.Join(", ", args) + ")";
        }

        private static string Roles(FeatureSpec f)
        {
            var roles = new List<string>();
            if (f.Wide) roles.Add(RuntimeTypes.FeatureRoles + ".Wide");
            if (f.Deep) roles.Add(RuntimeTypes.FeatureRoles + ".Deep");
            if (f.FmField) roles.Add(RuntimeTypes.FeatureRoles + ".FmField");
            return roles.Count == 0 ? RuntimeTypes.FeatureRoles + ".None" : string.Join(" | ", roles);
        }

        private static string Labels(RecordSpec spec)
        {
            var args = spec.Labels.Select(l => l.Role + ": " + Literal.String(l.Member)).ToList();
            if (spec.Group is not null) args.Add("Group: " + Literal.String(spec.Group.Member));
            return "new " + RuntimeTypes.LabelInfo + "(" + string.Join(", ", args) + ")";
        }
    }
}
