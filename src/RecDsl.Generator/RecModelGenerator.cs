using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RecDsl.Generator.Diagnostics;
using RecDsl.Generator.Emitting;
using RecDsl.Generator.Model;
using RecDsl.Generator.Parsing;

namespace RecDsl.Generator
{
    /// <summary>
    /// For each record carrying [WideDeep], [DeepFM], [Din] or [Esmm]: read the declaration (shared reader), skip it
    /// when DeclarationRules finds an error (the analyzers report it), resolve it into an equatable spec, emit one file
    /// per artifact. Never throws into the compiler: internal failures become RDSL0900 warnings and no output.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RecModelGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // One provider per model attribute. A record with several model attributes is owned by the provider of
            // its first one (RecordParser.Owns), so its files are emitted exactly once.
            Register(context, KnownTypeNames.WideDeep);
            Register(context, KnownTypeNames.DeepFM);
            Register(context, KnownTypeNames.Din);
            Register(context, KnownTypeNames.Esmm);
        }

        private static void Register(IncrementalGeneratorInitializationContext context, string modelAttribute)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    modelAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    (attributeContext, cancellationToken) => RecordParser.Parse(attributeContext, modelAttribute, cancellationToken))
                .WithTrackingName(TrackingNames.Declarations)
                .Where(static result => result is not null)
                .Select(static (result, cancellationToken) => SpecResult.From(result!, cancellationToken))
                .WithTrackingName(TrackingNames.Specs);

            context.RegisterSourceOutput(specs, static (output, result) => Emit(output, result));
        }

        private static void Emit(SourceProductionContext output, SpecResult result)
        {
            var (files, failure) = EmitFiles(result, RecordEmitter.Emit);
            if (failure is not null)
            {
                output.ReportDiagnostic(failure.ToDiagnostic());
                return;
            }
            try
            {
                foreach (var file in files)
                    output.AddSource(file.HintName, file.Text);
            }
            catch (ArgumentException exception) // a hint name Roslyn refuses: a bug here, still not the compiler's crash
            {
                output.ReportDiagnostic(new GeneratorFailure(result.Spec!.RecordName, "adding the files", exception.Message, null).ToDiagnostic());
            }
        }

        /// <summary>Every file of the record, or the failure that stopped them: all or none, so a failure half-way does
        /// not leave a record with some of its files; throws only on cancellation. The emitter is a parameter so a test can make it
        /// fail half-way.</summary>
        internal static (IReadOnlyList<GeneratedFile> Files, GeneratorFailure? Failure) EmitFiles(
            SpecResult result, Func<RecordSpec, IEnumerable<GeneratedFile>> emit)
        {
            if (result.Failure is { } failure) return (Array.Empty<GeneratedFile>(), failure);
            try
            {
                return (new List<GeneratedFile>(emit(result.Spec!)), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return (Array.Empty<GeneratedFile>(),
                    new GeneratorFailure(result.Spec!.RecordName, "emitting", exception.GetType().Name + ": " + exception.Message, null));
            }
        }
    }
}
