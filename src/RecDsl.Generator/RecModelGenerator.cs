using System;
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
            if (result.Failure is { } failure)
            {
                output.ReportDiagnostic(failure.ToDiagnostic());
                return;
            }
            try
            {
                // Build every file first: a failure half-way must not leave a record with some of its files.
                var files = new System.Collections.Generic.List<GeneratedFile>(RecordEmitter.Emit(result.Spec!));
                foreach (var file in files)
                    output.AddSource(file.HintName, file.Text);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                output.ReportDiagnostic(new GeneratorFailure(result.Spec!.RecordName, "emitting", exception.GetType().Name + ": " + exception.Message, null).ToDiagnostic());
            }
        }
    }
}
