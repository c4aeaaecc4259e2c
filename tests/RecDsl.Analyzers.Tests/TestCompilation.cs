using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RecDsl.Analyzers.Tests;

/// <summary>Offline compilations of user code against .NET 10 reference assemblies and RecDsl.Runtime.</summary>
internal static class TestCompilation
{
    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(RecDsl.SparseAttribute).Assembly.Location);

    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(Runtime).ToImmutableArray();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create(
            "UserCode",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "User.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The type called <paramref name="metadataName"/> in a compilation of <paramref name="source"/>.</summary>
    public static INamedTypeSymbol Type(string source, string metadataName)
    {
        var compilation = Create("using RecDsl;\nusing System.Collections.Generic;\n" + source);
        return compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName + " not found");
    }
}
