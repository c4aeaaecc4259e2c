// Reports every declaration rule (DESIGN.md section 4) on records carrying a RecDsl model attribute: reads the
// record with the shared DeclarationReader, judges it with the shared DeclarationRules, and reports each
// violation at the narrowest span (ViolationLocator).
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RecDsl.Generator;
using RecDsl.Generator.Declarations;
using RecDsl.Generator.Model;

namespace RecDsl.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // Resolve the model attributes once; a compilation without RecDsl has nothing to check.
                var modelAttributes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                foreach (var name in new[] { KnownTypeNames.WideDeep, KnownTypeNames.DeepFM, KnownTypeNames.Din, KnownTypeNames.Esmm })
                    if (start.Compilation.GetTypeByMetadataName(name) is { } symbol) modelAttributes.Add(symbol);
                if (modelAttributes.Count == 0) return;

                var models = modelAttributes.ToImmutable();
                start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, models), SymbolKind.NamedType);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, ImmutableArray<INamedTypeSymbol> modelAttributes)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!HasAny(type, modelAttributes)) return;

            var declaration = DeclarationReader.Read(type, context.CancellationToken);
            if (declaration is null) return;

            var locator = new ViolationLocator(type, context.CancellationToken);
            foreach (var violation in DeclarationRules.Validate(declaration))
            {
                if (Descriptors.For(violation.Id) is not { } descriptor) continue;
                context.ReportDiagnostic(Diagnostic.Create(
                    descriptor,
                    locator.Locate(violation),
                    FixProperties.For(declaration, violation),
                    ToObjects(violation)));
            }

            // Only for a record the generator generates for: with errors, nothing at all is generated.
            if (DeclarationRules.CanGenerate(declaration) && CsvReaderSpecBuilder.Build(declaration, declaration.Name, out var whyNot) is null)
            {
                var noReader = RuleFacts.Violation(DiagnosticIds.NoCsvReader, null, null, null,
                    declaration.Name, whyNot ?? "its members cannot be read from columns");
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoCsvReader, locator.Locate(noReader), ToObjects(noReader)));
            }
        }

        private static bool HasAny(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> modelAttributes)
        {
            foreach (var attribute in type.GetAttributes())
                foreach (var model in modelAttributes)
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, model)) return true;
            return false;
        }

        private static object[] ToObjects(Violation violation)
        {
            var args = new object[violation.MessageArguments.Count];
            for (int i = 0; i < args.Length; i++) args[i] = violation.MessageArguments[i];
            return args;
        }
    }
}
