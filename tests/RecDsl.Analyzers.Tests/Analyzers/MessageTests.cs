using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace RecDsl.Analyzers.Tests.Analyzers;

/// <summary>Messages name the record, the member and the model, and say how to fix; severities and help links.</summary>
public class MessageTests
{
    private static DiagnosticResult At(string id, DiagnosticSeverity severity, int line, int column, int endColumn, string message) =>
        new DiagnosticResult(id, severity).WithSpan(line, column, line, endColumn).WithMessage(message);

    [Fact]
    public Task Missing_wide_feature_names_the_record_and_the_fix() =>
        AnalyzerTest.Run(
            "[WideDeep] public record AdClick([Sparse(Vocab = 10), Deep] int UserId, [Label] bool Clicked);",
            At("RDSL0010", DiagnosticSeverity.Error, 3, 2, 10,
                "[WideDeep] on 'AdClick' has no [Wide] feature, so its wide (linear) part is empty: add [Wide] to the features it should memorise"));

    [Fact]
    public Task Unknown_target_suggests_the_member_with_other_casing() =>
        AnalyzerTest.Run(
            "[Din] public record View([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = \"itemId\"), Deep] int[] History, [Sequence(Target = nameof(ItemId)), Deep] int[] Clicks, [Label] bool Clicked);",
            At("RDSL0003", DiagnosticSeverity.Error, 3, 84, 92,
                "Sequence 'History' of 'View' targets 'itemId', which is not a member of 'View': did you mean nameof(ItemId)?"));

    [Fact]
    public Task Feature_without_role_lists_the_markers_of_the_declared_models() =>
        AnalyzerTest.Run(
            "[WideDeep, DeepFM] public record AdClick([Sparse(Vocab = 10), Wide, Deep, FmField] int UserId, [Sparse(Vocab = 10), FmField] int AdId, [Dense] float Price, [Label] bool Clicked);",
            At("RDSL0101", DiagnosticSeverity.Warning, 3, 137, 142,
                "Feature 'Price' of 'AdClick' has no role marker, so no model part sees it: add [Deep], [Wide] or [FmField]"));

    [Fact]
    public Task An_inherited_feature_names_the_member_the_base_and_both_fixes() =>
        AnalyzerTest.Run(
            "public record UserFeatures { [Sparse(Vocab = 10), Deep] public int UserId { get; init; } } " +
            "[DeepFM] public record AdClick([Sparse(Vocab = 10), Deep, FmField] int AdId, [Sparse(Vocab = 10), Deep, FmField] int Site, [Label] bool Clicked) : UserFeatures;",
            At("RDSL0018", DiagnosticSeverity.Error, 3, 115, 122,
                "'AdClick' cannot be used by generated code: it inherits 'UserId' with [Sparse] from 'UserFeatures', and generated code reads only " +
                "the members declared on 'AdClick' itself, so the model would leave it out; declare it on 'AdClick', or put the model attribute " +
                "on 'UserFeatures' (one record can carry several model attributes)"));

    [Fact]
    public Task An_integer_label_is_told_to_be_bool() =>
        AnalyzerTest.Run(
            "[DeepFM] public record AdClick([Sparse(Vocab = 10), Deep, FmField] int AdId, [Sparse(Vocab = 10), Deep, FmField] int Site, [Label] int Clicked);",
            At("RDSL0005", DiagnosticSeverity.Error, 3, 125, 130,
                "'Clicked' of 'AdClick' is int, which [Label] does not support: a label is a non-nullable bool, or a float/double in [0, 1]; " +
                "for 0/1 labels declare it bool (the CSV reader reads 0 and 1 into bool)"));

    [Fact]
    public Task A_dense_bool_is_told_to_be_sparse() =>
        AnalyzerTest.Run(
            "[DeepFM] public record AdClick([Sparse(Vocab = 10), Deep, FmField] int AdId, [Sparse(Vocab = 10), Deep, FmField] int Site, [Dense, Deep] bool Mobile, [Label] bool Clicked);",
            At("RDSL0005", DiagnosticSeverity.Error, 3, 125, 130,
                "'Mobile' of 'AdClick' is bool, which [Dense] does not support: use a numeric member (float, double, int or long); " +
                "a bool is a category: declare it [Sparse] (it gets an embedding, its vocabulary inferred)"));

    [Fact]
    public Task A_string_sequence_is_told_the_csv_reader_splits_lists() =>
        AnalyzerTest.Run(
            "[Din] public record View([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = nameof(ItemId)), Deep] string History, [Label] bool Clicked);",
            At("RDSL0005", DiagnosticSeverity.Error, 3, 66, 74,
                "'History' of 'View' is string, which [Sequence] does not support: a sequence is an array, List<T>, IList<T>, IReadOnlyList<T>, " +
                "IEnumerable<T> or ImmutableArray<T> of ids; for a joined list such as \"12|40|7\" declare it string[] or long[]: the CSV reader " +
                "splits the column on '|' ([Column(Separator = ...)] for another)"));

    [Fact]
    public Task A_history_with_its_own_dimension_is_told_it_uses_its_targets_embeddings() =>
        AnalyzerTest.Run(
            "[Din(EmbeddingDim = 8)] public record View([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = nameof(ItemId), EmbeddingDim = 4), Deep] int[] History, [Label] bool Clicked);",
            At("RDSL0014", DiagnosticSeverity.Error, 3, 133, 134,
                "Sequence 'History' of 'View' conflicts with its target 'ItemId': it sets EmbeddingDim = 4 but 'ItemId' has dimension 8 in [Din]; " +
                "remove EmbeddingDim, a history uses its target's embeddings"));

    [Fact]
    public Task A_second_click_label_names_both() =>
        AnalyzerTest.Run(
            "[Esmm] public record Impression([Sparse(Vocab = 10), Deep] int AdId, [ClickLabel] bool Click, [ClickLabel] bool Open, [ConversionLabel] bool Buy);",
            At("RDSL0016", DiagnosticSeverity.Error, 3, 96, 106,
                "[Esmm] on 'Impression' needs exactly one [ClickLabel] and one [ConversionLabel]: 'Open' is a second [ClickLabel] besides 'Click'; keep one"));

    [Fact]
    public Task An_infinite_dense_default_is_told_a_default_must_be_finite() =>
        AnalyzerTest.Run(
            "[WideDeep] public record AdClick([Sparse(Vocab = 10), Wide, Deep] int AdId, [Dense(Default = double.PositiveInfinity), Deep] float Price, [Label] bool Clicked);",
            At("RDSL0006", DiagnosticSeverity.Error, 3, 94, 117,
                "Invalid Default on 'Price' of 'AdClick': Infinity is not finite; a default replaces NaN and infinite values, so give a finite one"));

    [Fact]
    public void Descriptors_match_the_shared_catalog_and_link_to_their_docs_page()
    {
        var analyzer = new DeclarationAnalyzer();
        Assert.Equal(RecDsl.Generator.Declarations.RuleCatalog.All.Select(r => r.Id), analyzer.SupportedDiagnostics.Select(d => d.Id));
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            var rule = RecDsl.Generator.Declarations.RuleCatalog.Find(descriptor.Id)!;
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString());
            var expected = rule.Severity switch
            {
                RecDsl.Generator.Declarations.RuleSeverity.Error => DiagnosticSeverity.Error,
                RecDsl.Generator.Declarations.RuleSeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            Assert.Equal(expected, descriptor.DefaultSeverity);
            Assert.EndsWith("/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }
}
