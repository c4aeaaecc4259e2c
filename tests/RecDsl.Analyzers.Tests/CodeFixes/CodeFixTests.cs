using RecDsl.CodeFixes;

namespace RecDsl.Analyzers.Tests.CodeFixes;

/// <summary>Before/after text for each fix. Markup marks every diagnostic the "before" code reports.</summary>
public class CodeFixTests
{
    [Fact]
    public Task Adds_deep_to_a_feature_without_role() =>
        CodeFixTest<AddRoleMarkerCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [{|RDSL0101:Dense|}] float Price, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Dense, Deep] float Price, [Label] bool Y);");

    [Fact]
    public Task Offers_wide_as_second_choice_on_a_wide_deep_record() =>
        CodeFixTest<AddRoleMarkerCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [{|RDSL0101:Dense|}] float Price, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Dense, Wide] float Price, [Label] bool Y);",
            codeActionIndex: 1);

    [Fact]
    public Task Adds_wide_to_a_candidate_feature_of_a_record_without_one() =>
        CodeFixTest<AddRoleMarkerCodeFix>.Run(
            """
            [{|RDSL0010:WideDeep|}]
            public record R
            {
                [Sparse(Vocab = 10), Deep] public int UserId { get; init; }
                [Label] public bool Y { get; init; }
            }
            """,
            """
            [WideDeep]
            public record R
            {
                [Sparse(Vocab = 10), Deep, Wide] public int UserId { get; init; }
                [Label] public bool Y { get; init; }
            }
            """);

    [Fact]
    public Task Adds_fm_field_to_reach_two_fields() =>
        CodeFixTest<AddRoleMarkerCodeFix>.Run(
            "[{|RDSL0012:DeepFM|}] public record R([Sparse(Vocab = 10), Deep, FmField] int A, [property: Sparse(Vocab = 5), Deep] int B, [Label] bool Y);",
            "[DeepFM] public record R([Sparse(Vocab = 10), Deep, FmField] int A, [property: Sparse(Vocab = 5), Deep, FmField] int B, [Label] bool Y);");

    [Fact]
    public Task Removes_an_fm_dimension_override_that_differs_from_the_models() =>
        CodeFixTest<AlignFmDimensionCodeFix>.Run(
            "[DeepFM] public record R([Sparse(Vocab = 10), Deep, FmField] int A, [Sparse(Vocab = 10, EmbeddingDim = {|RDSL0013:8|}), Deep, FmField] int B, [Label] bool Y);",
            "[DeepFM] public record R([Sparse(Vocab = 10), Deep, FmField] int A, [Sparse(Vocab = 10), Deep, FmField] int B, [Label] bool Y);");

    [Fact]
    public Task Sets_the_fm_dimension_when_the_fields_use_their_own() =>
        CodeFixTest<AlignFmDimensionCodeFix>.Run(
            "[DeepFM] public record R([Sparse(Vocab = 10, EmbeddingDim = 8), Deep, FmField] int A, [Sparse(EmbeddingDim = {|RDSL0013:4|}, Vocab = 10), Deep, FmField] int B, [Label] bool Y);",
            "[DeepFM] public record R([Sparse(Vocab = 10, EmbeddingDim = 8), Deep, FmField] int A, [Sparse(EmbeddingDim = 8, Vocab = 10), Deep, FmField] int B, [Label] bool Y);");

    [Fact]
    public Task Turns_a_string_target_into_nameof() =>
        CodeFixTest<NameofTargetCodeFix>.Run(
            "[Din] public record R([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = {|RDSL0103:\"ItemId\"|}, MaxLen = 20), Deep] int[] History, [Label] bool Y);",
            "[Din] public record R([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = nameof(ItemId), MaxLen = 20), Deep] int[] History, [Label] bool Y);");

    [Fact]
    public Task Qualifies_nameof_with_the_record_under_a_property_target_where_parameters_are_out_of_scope() =>
        CodeFixTest<NameofTargetCodeFix>.Run(
            "[Din] public record R([property: Sparse(Vocab = 10), Deep] int ItemId, [property: Sequence(Target = {|RDSL0103:\"ItemId\"|}, MaxLen = 20), Deep] int[] History, [property: Label] bool Y);",
            "[Din] public record R([property: Sparse(Vocab = 10), Deep] int ItemId, [property: Sequence(Target = nameof(R.ItemId), MaxLen = 20), Deep] int[] History, [property: Label] bool Y);");

    [Fact]
    public Task Keeps_nameof_unqualified_on_a_property_declaration() =>
        CodeFixTest<NameofTargetCodeFix>.Run(
            """
            [Din]
            public record R
            {
                [Sparse(Vocab = 10), Deep] public int ItemId { get; init; }
                [Sequence(Target = {|RDSL0103:"ItemId"|}), Deep] public int[] History { get; init; } = [];
                [Label] public bool Y { get; init; }
            }
            """,
            """
            [Din]
            public record R
            {
                [Sparse(Vocab = 10), Deep] public int ItemId { get; init; }
                [Sequence(Target = nameof(ItemId)), Deep] public int[] History { get; init; } = [];
                [Label] public bool Y { get; init; }
            }
            """);

    [Fact]
    public Task Fixes_the_casing_of_an_unknown_target_with_nameof() =>
        CodeFixTest<NameofTargetCodeFix>.Run(
            "[Din] public record R([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = nameof(ItemId)), Deep] int[] A, [Sequence(Target = {|RDSL0003:\"itemid\"|}), Deep] int[] B, [Label] bool Y);",
            "[Din] public record R([Sparse(Vocab = 10), Deep] int ItemId, [Sequence(Target = nameof(ItemId)), Deep] int[] A, [Sequence(Target = nameof(ItemId)), Deep] int[] B, [Label] bool Y);");

    [Fact]
    public Task Removes_the_second_feature_kind() =>
        CodeFixTest<RemoveFeatureKindCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), {|RDSL0002:Dense|}, Wide, Deep] int A, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Label] bool Y);");

    [Fact]
    public Task Removes_a_second_feature_kind_written_for_the_property() =>
        CodeFixTest<RemoveFeatureKindCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep][property: {|RDSL0002:Sparse|}(Vocab = 3)] int A, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Label] bool Y);");

    [Fact]
    public Task Declares_a_dense_bool_sparse() =>
        CodeFixTest<ReplaceFeatureKindCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [{|RDSL0005:Dense|}(Default = 0), Wide] bool Mobile, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Sparse, Wide] bool Mobile, [Label] bool Y);");

    [Fact]
    public Task Declares_a_dense_enum_property_sparse() =>
        CodeFixTest<ReplaceFeatureKindCodeFix>.Run(
            "public enum Channel { Web, App } [WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Label] bool Y) { [{|RDSL0005:Dense|}, Deep] public Channel C { get; init; } }",
            "public enum Channel { Web, App } [WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [Label] bool Y) { [Sparse, Deep] public Channel C { get; init; } }");

    [Fact]
    public Task Offers_nothing_for_a_dense_string() =>
        CodeFixTest<ReplaceFeatureKindCodeFix>.Run(
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [{|RDSL0005:Dense|}, Deep] string S, [Label] bool Y);",
            "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep] int A, [{|RDSL0005:Dense|}, Deep] string S, [Label] bool Y);");
}
