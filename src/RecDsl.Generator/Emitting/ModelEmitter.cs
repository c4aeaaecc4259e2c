using System.Collections.Generic;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;
using RecDsl.Generator.Model;

namespace RecDsl.Generator.Emitting
{
    /// <summary>
    /// Emits <c>{Record}{Model}</c> for one model attribute: a subclass of the runtime network whose constructor
    /// takes optional overrides of the attribute's hyperparameters (null keeps the declared value), with a typed
    /// <c>Predict</c> and <c>Save</c>/<c>Load</c> (weights, options, embedding dimension, vocabularies and the
    /// declaration's fingerprint, through the runtime's <c>ModelFile</c>).
    /// </summary>
    internal static class ModelEmitter
    {
        private sealed class Setting
        {
            public Setting(string parameter, string type, string property, string declared, string doc)
            {
                Parameter = parameter;
                Type = type;
                Property = property;
                Declared = declared;
                Doc = doc;
            }

            public string Parameter { get; }
            public string Type { get; }
            public string Property { get; }
            public string Declared { get; }
            public string Doc { get; }
        }

        public static GeneratedFile Emit(RecordSpec spec, ModelSpec model) =>
            new(EmitterCommon.HintName(spec, model.Kind.ToString()), EmitterCommon.File(spec, w => Body(w, spec, model)));

        private static void Body(SourceWriter w, RecordSpec spec, ModelSpec model)
        {
            var (network, options, summary) = model.Kind switch
            {
                ModelKind.WideDeep => ("WideDeepNetwork", "WideDeepOptions", "Wide &amp; Deep: logit = linear part over the [Wide] features + MLP over the [Deep] features."),
                ModelKind.DeepFM => ("DeepFmNetwork", "DeepFmOptions", "DeepFM: logit = first order + FM second order over the [FmField] features + MLP over the [Deep] features, sharing embeddings."),
                ModelKind.Din => ("DinNetwork", "DinOptions", "Deep Interest Network: each targeted history is attended (masked) with its target as the query; an MLP scores the result."),
                _ => ("EsmmNetwork", "EsmmOptions", "ESMM: shared embeddings, a CTR tower and a CVR tower; pCTCVR = pCTR x pCVR, trained over all impressions."),
            };
            network = "global::RecDsl.Models." + network;
            options = "global::RecDsl.Models." + options;
            var settings = SettingsOf(model);
            var name = model.ClassName;
            var records = "global::System.Collections.Generic.IEnumerable<" + spec.RecordType + "> records";

            w.Line("/// <summary>The <c>[" + model.Kind + "]</c> model of " + EmitterCommon.SeeRecord(spec) + ". " + summary + "</summary>");
            w.Line("/// <remarks><c>forward</c> takes a <see cref=\"" + spec.BatchName + "\"/> (from <see cref=\"" + spec.CollatorName + "\"/>) and returns logits;");
            w.Line("/// <see cref=\"Predict\"/> returns probabilities for records.</remarks>");
            w.Line(EmitterCommon.GeneratedCode);
            w.Open(spec.Accessibility + " sealed partial class " + name + " : " + network);
            w.Line("/// <summary>The embedding dimension declared on the attribute.</summary>");
            w.Line("public const int DeclaredEmbeddingDim = " + model.EmbeddingDim + ";");
            w.Line();
            w.Line("/// <summary>The hyperparameters declared on the attribute, as the network's options.</summary>");
            w.Line("public static " + options + " DeclaredOptions => new " + options + "()");
            w.Open();
            foreach (var s in settings) w.Line(s.Property + " = " + s.Declared + ",");
            w.Close(";");
            w.Line();

            // Constructor with optional overrides.
            var vocabularyParameter = spec.NeedsVocabulary ? spec.VocabularyName + " vocabulary, " : "";
            w.Line("/// <summary>Creates the model with the declared hyperparameters; a non-null argument overrides the declared value.</summary>");
            if (spec.NeedsVocabulary) w.Line("/// <param name=\"vocabulary\">Fitted vocabularies of the string features (<see cref=\"" + spec.VocabularyName + ".Fit\"/>).</param>");
            w.Line("/// <param name=\"embeddingDim\">Embedding dimension of features that do not fix their own (declared: " + model.EmbeddingDim + ").</param>");
            foreach (var s in settings) w.Line("/// <param name=\"" + s.Parameter + "\">" + s.Doc + " (declared: " + Xml(s.Declared) + ").</param>");
            var parameters = new List<string> { "int? embeddingDim = null" };
            foreach (var s in settings) parameters.Add(s.Type + "? " + s.Parameter + " = null");
            w.Line("public " + name + "(" + vocabularyParameter + string.Join(", ", parameters) + ")");
            w.Line("    : this(" + (spec.NeedsVocabulary ? "vocabulary, " : "") + "DeclaredOptions with");
            w.Line("    {");
            foreach (var s in settings)
                w.Line("        " + s.Property + " = " + s.Parameter + " ?? " + s.Declared + ",");
            w.Line("    }, embeddingDim)");
            w.Open();
            w.Close();
            w.Line();

            w.Line("/// <summary>Creates the model from complete network options (for settings the attribute does not expose, such as");
            w.Line("/// BatchNorm or sparse gradients); start from <see cref=\"DeclaredOptions\"/>.</summary>");
            if (spec.NeedsVocabulary) w.Line("/// <param name=\"vocabulary\">Fitted vocabularies of the string features.</param>");
            w.Line("/// <param name=\"options\">The network's options.</param>");
            w.Line("/// <param name=\"embeddingDim\">Embedding dimension of features that do not fix their own (null: " + model.EmbeddingDim + ").</param>");
            w.Line("public " + name + "(" + vocabularyParameter + options + " options, int? embeddingDim = null)");
            w.Line("    : base(" + spec.SchemaName + ".For(embeddingDim ?? DeclaredEmbeddingDim), options)");
            w.Open();
            w.Line("EmbeddingDim = embeddingDim ?? DeclaredEmbeddingDim;");
            if (spec.NeedsVocabulary)
            {
                w.Line("Vocabulary = vocabulary ?? throw new global::System.ArgumentNullException(nameof(vocabulary));");
                w.Line("collator = new " + spec.CollatorName + "(vocabulary);");
            }
            else
            {
                w.Line("collator = new " + spec.CollatorName + "();");
            }
            w.Close();
            w.Line();
            w.Line("private readonly " + spec.CollatorName + " collator;");
            w.Line();
            w.Line("/// <summary>The embedding dimension of the features that do not fix their own (the declared one unless the constructor overrode it).</summary>");
            w.Line("public int EmbeddingDim { get; }");
            if (spec.NeedsVocabulary)
            {
                w.Line();
                w.Line("/// <summary>The vocabularies this model's string features map through (saved with the model).</summary>");
                w.Line("public " + spec.VocabularyName + " Vocabulary { get; }");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("protected override " + RuntimeTypes.VocabularySet + "? BatchVocabularies => Vocabulary;");
            }
            w.Line();
            w.Line("/// <summary>A new collator that makes batches for this model (one per thread: collators reuse buffers).</summary>");
            w.Line("public " + spec.CollatorName + " CreateCollator() => new " + spec.CollatorName + "(" + (spec.NeedsVocabulary ? "Vocabulary" : "") + ");");
            w.Line();

            EmitSaveLoad(w, spec, name, options);
            w.Line();

            if (model.Kind == ModelKind.Esmm)
            {
                w.Line("/// <summary>pCTR, pCVR and pCTCVR (= pCTR x pCVR) of each record, in evaluation mode, without gradients, on the model's device.</summary>");
                w.Line("/// <param name=\"records\">The records (a list, or a sequence read once, such as a file read lazily); their labels are ignored.</param>");
                w.Line("/// <param name=\"batchSize\">Rows per forward pass.</param>");
                w.Line("public global::RecDsl.Prediction.EsmmPredictions Predict(" + records + ", int batchSize = global::RecDsl.Prediction.BatchedPrediction.DefaultBatchSize) =>");
                w.Line("    global::RecDsl.Prediction.BatchedPrediction.Esmm(this, collator, records, batchSize);");
            }
            else
            {
                w.Line("/// <summary>The probability of a positive label for each record, in evaluation mode, without gradients, on the model's device.</summary>");
                w.Line("/// <param name=\"records\">The records (a list, or a sequence read once, such as a file read lazily); their labels are ignored.</param>");
                w.Line("/// <param name=\"batchSize\">Rows per forward pass.</param>");
                w.Line("public float[] Predict(" + records + ", int batchSize = global::RecDsl.Prediction.BatchedPrediction.DefaultBatchSize) =>");
                w.Line("    global::RecDsl.Prediction.BatchedPrediction.Single(this, collator, records, batchSize);");
            }
            w.Close();
        }

        private static void EmitSaveLoad(SourceWriter w, RecordSpec spec, string name, string options)
        {
            const string modelFile = "global::RecDsl.Training.ModelFile";
            w.Line("/// <summary>Writes the weights, the hyperparameters, the embedding dimension" + (spec.NeedsVocabulary ? ", the vocabularies" : "") + " and the declaration's");
            w.Line("/// fingerprint to <paramref name=\"path\"/>, atomically (temporary file + rename). Read it back with <see cref=\"Load\"/>.</summary>");
            w.Line("/// <param name=\"path\">The file; its folder is created if needed.</param>");
            w.Line("public void Save(string path) =>");
            w.Line("    " + modelFile + ".Save(path, this, Options, EmbeddingDim, " + (spec.NeedsVocabulary ? "Vocabulary" : "null") + ");");
            w.Line();
            w.Line("/// <summary>Loads a model written by <see cref=\"Save\"/> with its hyperparameters" + (spec.NeedsVocabulary ? " and vocabularies" : "") + ", on the CPU (move it with <c>to(device)</c>).</summary>");
            w.Line("/// <param name=\"path\">The file.</param>");
            w.Line("/// <exception cref=\"global::RecDsl.Training.CheckpointException\">The file is missing, truncated or corrupt, is a training checkpoint,");
            w.Line("/// or was written for another declaration of the record (the message lists what changed) or another model.</exception>");
            w.Line("public static " + name + " Load(string path) =>");
            if (spec.NeedsVocabulary)
            {
                w.Line("    " + modelFile + ".Load<" + name + ", " + options + ", " + spec.VocabularyName + ">(path, " + spec.SchemaName + ".For, " + spec.VocabularyName + ".Load,");
                w.Line("        (vocabulary, options, embeddingDim) => new " + name + "(vocabulary, options, embeddingDim));");
            }
            else
            {
                w.Line("    " + modelFile + ".Load<" + name + ", " + options + ">(path, " + spec.SchemaName + ".For,");
                w.Line("        (options, embeddingDim) => new " + name + "(options, embeddingDim));");
            }
        }

        private static List<Setting> SettingsOf(ModelSpec model)
        {
            var list = new List<Setting>();
            switch (model.Kind)
            {
                case ModelKind.WideDeep:
                case ModelKind.DeepFM:
                    list.Add(new Setting("hidden", "int[]", "Hidden", Literal.IntArray(model.Hidden), "Hidden layer sizes of the deep MLP"));
                    break;
                case ModelKind.Din:
                    list.Add(new Setting("hidden", "int[]", "Hidden", Literal.IntArray(model.Hidden), "Hidden layer sizes of the top MLP"));
                    list.Add(new Setting("attentionHidden", "int[]", "AttentionHidden", Literal.IntArray(model.AttentionHidden), "Hidden layer sizes of the attention unit"));
                    list.Add(new Setting("attentionSoftmax", "bool", "AttentionSoftmax", Literal.Bool(model.AttentionSoftmax), "Normalise attention scores with a masked softmax"));
                    break;
                case ModelKind.Esmm:
                    list.Add(new Setting("ctrHidden", "int[]", "CtrHidden", Literal.IntArray(model.CtrHidden), "Hidden layer sizes of the CTR tower"));
                    list.Add(new Setting("cvrHidden", "int[]", "CvrHidden", Literal.IntArray(model.CvrHidden), "Hidden layer sizes of the CVR tower"));
                    break;
            }
            list.Add(new Setting("activation", "global::RecDsl.Activation", "Activation", RuntimeTypes.ActivationName(model.Activation), "Hidden-layer activation"));
            list.Add(new Setting("dropout", "double", "Dropout", Literal.Double(model.Dropout), "Dropout after each hidden layer"));
            return list;
        }

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("global::", "");
    }
}
