using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;

namespace RecDsl.Generator.Diagnostics
{
    /// <summary>The generator's own diagnostics. Declaration errors are the analyzers' (the generator stays silent
    /// and emits nothing for an invalid record); this table only has the internal-failure warning.</summary>
    internal static class GeneratorDiagnostics
    {
        public static readonly DiagnosticDescriptor InternalError = new(
            DiagnosticIds.GeneratorInternalError,
            "The RecDsl generator hit an internal error",
            "RecDsl could not generate code for '{0}' while {1}: {2}. Nothing was generated for it; please report this.",
            "RecDsl.Generator",
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.GeneratorInternalError));
    }
}
