using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers.Tests.Declarations;

/// <summary>Rule semantics through the declaration model; spans and every id are covered by the analyzer tests.</summary>
public class DeclarationRulesTests
{
    private static RecordDeclaration Read(string source) =>
        DeclarationReader.Read(TestCompilation.Type(source, "R"), default)!;

    private static string[] Ids(string source) =>
        DeclarationRules.Validate(Read(source)).Select(v => v.Id + ":" + v.Member + ":" + v.Attribute + ":" + v.Argument).ToArray();

    public const string ValidDeepFmWideDeep = """
        public enum Device { Phone, Tablet, Desktop }
        [DeepFM(EmbeddingDim = 8, Hidden = new[] { 400, 400, 400 }), WideDeep(EmbeddingDim = 8)]
        public sealed record R
        {
            [Sparse(Vocab = 100_000), FmField, Deep, Group] public int UserId { get; init; }
            [Sparse(Vocab = 50_000), FmField, Deep, Wide] public int AdId { get; init; }
            [Sparse(HashBuckets = 1 << 18), FmField, Deep] public string? Site { get; init; }
            [Sparse, FmField, Wide] public Device Device { get; init; }
            [Sparse, Deep] public bool IsNew { get; init; }
            [Sequence(Target = nameof(AdId), MaxLen = 20), FmField, Deep] public long[] SeenAds { get; init; } = [];
            [Dense, Deep, Wide] public float Price { get; init; }
            [Label] public bool Clicked { get; init; }
            public string? Comment { get; init; }
        }
        """;

    [Fact]
    public void Valid_record_has_no_errors_only_the_pooling_note()
    {
        var violations = DeclarationRules.Validate(Read(ValidDeepFmWideDeep));
        Assert.Equal(new[] { "RDSL0102:SeenAds:DeepFM", "RDSL0102:SeenAds:WideDeep" },
            violations.Select(v => v.Id + ":" + v.Member + ":" + v.MessageArguments[3]).ToArray());
        Assert.True(DeclarationRules.CanGenerate(Read(ValidDeepFmWideDeep)));
    }

    [Fact]
    public void Valid_din_and_esmm_records_have_no_violations()
    {
        Assert.Empty(Ids("""
            [Din] public record R(
                [Sparse(Vocab = 1000), Deep] int ItemId,
                [Sparse(Vocab = 50), Deep] int CategoryId,
                [Sequence(Target = nameof(ItemId)), Deep] int[] History,
                [Sequence(Target = nameof(CategoryId)), Deep] IReadOnlyList<int> CategoryHistory,
                [Label] float Clicked);
            """));
        Assert.Empty(Ids("""
            [Esmm(CtrHidden = new[] { 64 }, CvrHidden = new int[0])] public record R(
                [Sparse(Vocab = 1000), Deep] int ItemId,
                [Sequence(Vocab = 30, Pooling = Pooling.Sum), Deep] List<int> Tags,
                [ClickLabel] bool Click,
                [ConversionLabel] bool Buy);
            """));
    }

    [Fact]
    public void Fm_reference_dimension_is_the_models_when_any_field_uses_it()
    {
        var ids = Ids("""
            [DeepFM(EmbeddingDim = 16)] public record R(
                [Sparse(Vocab = 10, EmbeddingDim = 8), FmField, Deep] int A,
                [Sparse(Vocab = 10), FmField] int B,
                [Dense, FmField] float C,
                [Label] bool Y);
            """);
        Assert.Equal(new[] { "RDSL0013:A:Sparse:EmbeddingDim" }, ids);
    }

    [Fact]
    public void Fm_fields_agreeing_on_their_own_dimension_are_valid()
    {
        Assert.Empty(Ids("""
            [DeepFM(EmbeddingDim = 16)] public record R(
                [Sparse(Vocab = 10, EmbeddingDim = 8), FmField, Deep] int A,
                [Sparse(Vocab = 10, EmbeddingDim = 8), FmField] int B,
                [Label] bool Y);
            """));
    }

    [Fact]
    public void Binding_errors_block_generation_without_rule_errors()
    {
        var record = Read("[WideDeep] public record R([Sparse(Vocab = ), Wide, Deep] int A, [Label] bool Y);");
        Assert.False(DeclarationRules.HasErrors(DeclarationRules.Validate(record)));
        Assert.True(DeclarationRules.HasBindingErrors(record));
        Assert.False(DeclarationRules.CanGenerate(record));
    }

    [Fact]
    public void Label_is_allowed_beside_esmm_labels_when_a_single_task_model_needs_it()
    {
        Assert.Empty(Ids("""
            [Esmm, DeepFM] public record R(
                [Sparse(Vocab = 10), Deep, FmField] int A,
                [Sparse(Vocab = 10), Deep, FmField] int B,
                [Label, ClickLabel] bool Click,
                [ConversionLabel] bool Buy);
            """));
    }

    [Fact]
    public void Every_id_has_a_catalog_entry_with_its_severity()
    {
        var ids = typeof(DiagnosticIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!)
            .Where(id => id != DiagnosticIds.GeneratorInternalError).ToArray();
        Assert.Equal(23, ids.Length);
        Assert.Equal(ids.OrderBy(i => i), RuleCatalog.All.Select(r => r.Id));
        Assert.All(RuleCatalog.All, r => Assert.Equal(r.Id.CompareTo("RDSL0100") < 0 ? RuleSeverity.Error : r.Severity, r.Severity));
    }
}
