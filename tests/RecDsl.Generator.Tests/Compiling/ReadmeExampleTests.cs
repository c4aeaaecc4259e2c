using System.Text.RegularExpressions;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Compiling;

/// <summary>The README's example (the record, then the code that trains, predicts, saves and loads) compiles with the
/// generator's output, so the first code a user reads stays true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_compiles_with_the_generated_code()
    {
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(Repository.Root, "README.md")));
        Assert.True(blocks.Count >= 2, "README.md lost its example: expected a record block and a usage block");
        var (record, usage) = (blocks[0], blocks[1]);
        Assert.Contains("[DeepFM", record);

        // The usage block is top-level code over train/validation/test arrays: hoist its usings, wrap the rest.
        var lines = usage.Split('\n');
        static bool IsDirective(string line) => Regex.IsMatch(line, @"^using [A-Za-z_][A-Za-z0-9_.]*;\s*$"); // not `using var x = ...;`
        var usings = string.Join("\n", lines.Where(IsDirective));
        var body = string.Join("\n", lines.Where(l => !IsDirective(l)));
        // The implicit usings of a new .NET project (ImplicitUsings enabled), which the README's code relies on.
        var program = $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            {{usings}}
            public static class ReadmeUsage
            {
                public static void Run(AdClick[] train, AdClick[] validation, AdClick[] test)
                {
            {{body}}
                }
            }
            """;

        var (result, compilation, _) = GeneratorRun.Run(record, program);
        Assert.Empty(result.Diagnostics);
        var problems = TestCompilation.Problems(compilation).Where(d => d.Id != "CS1591").ToList();
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
    }

    private static List<string> CSharpBlocks(string markdown) =>
        Regex.Matches(markdown, "```csharp\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
}
