using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers.Tests.Analyzers;

/// <summary>Every reported id has a docs page (what, why, how to fix, example) and a release-tracking entry.</summary>
public class DocumentationTests
{
    private static string Root => Repository.Root;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All) data.Add(rule.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_docs_page_with_every_section(string id)
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith("# " + id + ": " + RuleCatalog.Find(id)!.Title, page);
        foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Example", "```csharp" })
            Assert.Contains(section, page);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Is_tracked_in_the_analyzer_release_with_its_severity(string id)
    {
        var unshipped = File.ReadAllLines(Path.Combine(Root, "src", "RecDsl.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var severity = RuleCatalog.Find(id)!.Severity.ToString();
        Assert.Contains(unshipped, line => line.StartsWith(id + " |", StringComparison.Ordinal) && line.Contains("| " + severity + " |"));
    }
}
