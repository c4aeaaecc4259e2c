namespace RecDsl.Analyzers.Tests.Analyzers;

/// <summary>For every id: code that reports it exactly at the marked span (and nothing else), and nearby valid
/// code that reports nothing. The markup {|RDSLxxxx:text|} marks where a squiggle must be.</summary>
public class DiagnosticSpanTests
{
    // Valid feature sets every case can lean on, one per model mix, so only the marked diagnostics appear.
    private const string W = "[Sparse(Vocab = 10), Wide, Deep] int A, [Sparse(Vocab = 10), Deep] int B";
    private const string F = "[Sparse(Vocab = 10), Deep, FmField] int A, [Sparse(Vocab = 10), Deep, FmField] int B";
    private const string D = "[Sparse(Vocab = 10), Deep] int A, [Sparse(Vocab = 10), Deep] int B";
    private const string WF = "[Sparse(Vocab = 10), Wide, Deep, FmField] int A, [Sparse(Vocab = 10), Deep, FmField] int B";

    public static TheoryData<string, string> Reported => new()
    {
        { "RDSL0001 no label", $"[{{|RDSL0001:WideDeep|}}, {{|RDSL0001:DeepFM|}}] public record R({WF});" },
        { "RDSL0001 two labels", $"[WideDeep] public record R({W}, [Label] bool Y, [{{|RDSL0001:Label|}}] bool Z);" },
        { "RDSL0002 two kinds", $"[WideDeep] public record R({W}, [Sparse(Vocab = 3), {{|RDSL0002:Dense|}}, Deep] int C, [Label] bool Y);" },
        { "RDSL0002 parameter and property", $"[WideDeep] public record R({W}, [Sparse(Vocab = 1), Deep][property: {{|RDSL0002:Sparse|}}(Vocab = 2)] int C, [Label] bool Y);" },
        { "RDSL0003 unknown target", $"[WideDeep] public record R({W}, [Sequence(Target = {{|RDSL0003:\"Item\"|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0004 dense target", $"[WideDeep] public record R({W}, [Dense, Deep] float Price, [Sequence(Target = {{|RDSL0004:nameof(Price)|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0004 target without feature", $"[WideDeep] public record R({W}, int Plain, [Sequence(Target = {{|RDSL0004:nameof(Plain)|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0005 sparse double", $"[WideDeep] public record R({W}, [{{|RDSL0005:Sparse|}}(Vocab = 10), Deep] double C, [Label] bool Y);" },
        { "RDSL0005 string label", $"[WideDeep] public record R({W}, [{{|RDSL0005:Label|}}] string Y);" },
        { "RDSL0005 sequence of one id", $"[WideDeep] public record R({W}, [{{|RDSL0005:Sequence|}}(Vocab = 10), Deep] int C, [Label] bool Y);" },
        { "RDSL0005 hashed enum", $"public enum E {{ X, Z }} [WideDeep] public record R({W}, [{{|RDSL0005:Sparse|}}(HashBuckets = 8), Deep] E C, [Label] bool Y);" },
        { "RDSL0006 zero vocab", $"[WideDeep] public record R({W}, [Sparse(Vocab = {{|RDSL0006:0|}}), Deep] int C, [Label] bool Y);" },
        { "RDSL0006 neither vocab nor buckets", $"[WideDeep] public record R({W}, [{{|RDSL0006:Sparse|}}, Deep] string? C, [Label] bool Y);" },
        { "RDSL0006 both vocab and buckets", $"[WideDeep] public record R({W}, [Sparse(Vocab = 3, HashBuckets = {{|RDSL0006:8|}}), Deep] long C, [Label] bool Y);" },
        { "RDSL0006 hidden size", $"[WideDeep(Hidden = {{|RDSL0006:new[] {{ 256, 0 }}|}}, Dropout = {{|RDSL0006:1.5|}})] public record R({W}, [Label] bool Y);" },
        { "RDSL0006 infinite default", $"[WideDeep] public record R({W}, [Dense(Default = {{|RDSL0006:double.PositiveInfinity|}}), Deep] float C, [Label] bool Y);" },
        { "RDSL0006 NaN default", $"[WideDeep] public record R({W}, [Dense(Default = {{|RDSL0006:double.NaN|}}), Deep] double? C, [Label] bool Y);" },
        { "RDSL0006 default beyond float", $"[WideDeep] public record R({W}, [Dense(Default = {{|RDSL0006:-1e40|}}), Deep] float C, [Label] bool Y);" },
        { "RDSL0006 max len", $"[WideDeep] public record R({W}, [Sequence(Vocab = 5, MaxLen = {{|RDSL0006:-1|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0007 role on plain member", $"[WideDeep] public record R({W}, [{{|RDSL0007:Wide|}}, {{|RDSL0007:Deep|}}] int Plain, [Label] bool Y);" },
        { "RDSL0010 no wide", "[{|RDSL0010:WideDeep|}] public record R([Sparse(Vocab = 10), Deep] int A, [Label] bool Y);" },
        { "RDSL0011 no deep", "[{|RDSL0011:DeepFM|}] public record R([Sparse(Vocab = 10), FmField] int A, [Sparse(Vocab = 10), FmField] int B, [Label] bool Y);" },
        { "RDSL0012 one fm field", "[{|RDSL0012:DeepFM|}] public record R([Sparse(Vocab = 10), FmField, Deep] int A, [Sparse(Vocab = 10), Deep] int B, [Label] bool Y);" },
        { "RDSL0013 fm dimension", $"[DeepFM] public record R({F}, [Sparse(Vocab = 10, EmbeddingDim = {{|RDSL0013:8|}}), FmField] int C, [Label] bool Y);" },
        { "RDSL0014 sequence vocab", $"[DeepFM] public record R({F}, [Sequence(Target = nameof(A), Vocab = {{|RDSL0014:5|}}), Deep] int[] H, [Label] bool Y);".Replace("[Sequence(", "[{|RDSL0102:Sequence|}(") },
        { "RDSL0014 item kind", $"[DeepFM] public record R({F}, [{{|RDSL0102:Sequence|}}(Target = {{|RDSL0014:nameof(A)|}}), Deep] string[] H, [Label] bool Y);" },
        { "RDSL0014 sequence hash buckets", $"[Din] public record R({D}, [Sequence(Target = nameof(A), HashBuckets = {{|RDSL0014:8|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0014 sequence dimension", $"[Din] public record R({D}, [Sequence(Target = nameof(A), EmbeddingDim = {{|RDSL0014:4|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0014 sequence table", $"[Din] public record R({D}, [Sequence(Target = nameof(A), Table = {{|RDSL0014:\"other\"|}}), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0015 din without target", "[{|RDSL0015:Din|}] public record R([Sparse(Vocab = 10), Deep] int A, [Sequence(Vocab = 10), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0016 no conversion", "[{|RDSL0016:Esmm|}] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel] bool Click);" },
        { "RDSL0016 two click labels", "[Esmm] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel] bool Click, [{|RDSL0016:ClickLabel|}] bool Open, [ConversionLabel] bool Buy);" },
        { "RDSL0016 two conversion labels", "[Esmm] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel] bool Click, [ConversionLabel] bool Buy, [{|RDSL0016:ConversionLabel|}] bool Cart);" },
        { "RDSL0016 label on esmm", "[Esmm] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel] bool Click, [ConversionLabel] bool Buy, [{|RDSL0016:Label|}] bool Y);" },
        { "RDSL0017 shared table vocab", $"[WideDeep] public record R({W}, [Sparse(Vocab = 10, Table = \"t\"), Deep] int C, [Sparse(Vocab = 20, Table = {{|RDSL0017:\"t\"|}}), Deep] int D, [Label] bool Y);" },
        { "RDSL0017 implicit table name", $"[WideDeep] public record R({W}, [Sparse(HashBuckets = 10, Table = {{|RDSL0017:\"A\"|}}), Deep] int D, [Label] bool Y);" },
        { "RDSL0018 generic", $"[WideDeep] public record {{|RDSL0018:R|}}<T>({W}, [Label] bool Y);" },
        { "RDSL0018 private nested", $"public class Outer {{ [WideDeep] private record {{|RDSL0018:R|}}({W}, [Label] bool Y); }}" },
        { "RDSL0018 private getter", $"[WideDeep] public record R({W}, [Label] bool Y) {{ [Dense, Deep] private float {{|RDSL0018:Price|}} {{ get; init; }} }}" },
        { "RDSL0018 inherited feature", $"public record B {{ [Sparse(Vocab = 10), Deep] public int C {{ get; init; }} }} [WideDeep] public record {{|RDSL0018:R|}}({W}, [Label] bool Y) : B;" },
        { "RDSL0018 inherited positional label", $"public record B([property: Label] bool Y); [WideDeep] public record {{|RDSL0018:R|}}({W}, bool Y) : B(Y);".Replace("[WideDeep]", "[{|RDSL0001:WideDeep|}]") },
        { "RDSL0019 label also dense", $"[WideDeep] public record R({W}, [Label, {{|RDSL0019:Dense|}}, Deep] float Y);" },
        { "RDSL0019 click label also sparse", "[Esmm] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel, {|RDSL0019:Sparse|}, Deep] bool Click, [ConversionLabel] bool Buy);" },
        { "RDSL0020 two groups", $"[WideDeep] public record R({W}, [Sparse(Vocab = 10), Deep, Group] int U, [{{|RDSL0020:Group|}}] long V, [Label] bool Y);" },
        { "RDSL0104 abstract record", $"[WideDeep] public abstract record {{|RDSL0104:R|}}({W}, [Label] bool Y);" },
        { "RDSL0104 decimal column", $"[WideDeep] public record {{|RDSL0104:R|}}({W}, [Dense, Deep] decimal Price, [Label] bool Y);" },
        { "RDSL0100 unused role", "[WideDeep] public record R([Sparse(Vocab = 10), Wide, Deep, {|RDSL0100:FmField|}] int A, [Label] bool Y);" },
        { "RDSL0101 no role", $"[WideDeep] public record R({W}, [{{|RDSL0101:Dense|}}] float Price, [Label] bool Y);" },
        { "RDSL0102 pooled", $"[WideDeep] public record R({W}, [{{|RDSL0102:Sequence|}}(Target = nameof(A)), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0103 string target", $"[Din] public record R([Sparse(Vocab = 10), Deep] int A, [Sequence(Target = {{|RDSL0103:\"A\"|}}), Deep] int[] H, [Label] bool Y);" },
    };

    public static TheoryData<string, string> Valid => new()
    {
        { "RDSL0001 one label", $"[WideDeep, DeepFM] public record R({WF}, [Label] float Y);" },
        { "RDSL0002 one kind per member", $"[WideDeep] public record R({W}, [property: Sparse(Vocab = 1), Deep] int C, [Label] bool Y);" },
        { "RDSL0003/4 nameof target", $"[Din] public record R({D}, [Sequence(Target = nameof(B)), Deep] IEnumerable<long> H, [Label] bool Y);" },
        { "RDSL0005 supported types", $"public enum E {{ X, Z }} [WideDeep] public record R({W}, [Sparse, Deep] E C, [Sparse, Deep] bool? D, [Sparse(HashBuckets = 64), Deep] string F, [Dense, Deep] int G, [Dense, Deep] double? H, [Sequence(Vocab = 3), Deep] List<E> I, [Group] long U, [Label] double Y);" },
        { "RDSL0006 finite defaults", $"[WideDeep] public record R({W}, [Dense(Default = 1e40), Deep] double C, [Dense(Default = -3e38), Deep] float D, [Dense(Default = 0), Deep] int? E, [Label] bool Y);" },
        { "RDSL0006 inferred enum vocab", "public enum E { X = 3 } [WideDeep(Hidden = new int[0])] public record R([Sparse, Wide, Deep] E A, [Sequence(HashBuckets = 8, MaxLen = 1), Deep] string[] T, [Label] bool Y);" },
        { "RDSL0007 roles on features", $"[WideDeep] public record R({W}, [Dense, Wide] float C, [Label] bool Y);" },
        { "RDSL0010-12 roles present", $"[WideDeep, DeepFM] public record R({WF}, [Label] bool Y);" },
        { "RDSL0013 dimensions agree", $"[DeepFM(EmbeddingDim = 8)] public record R({F}, [Sparse(Vocab = 3, EmbeddingDim = 8), FmField] int C, [Dense, FmField] float D, [Label] bool Y);" },
        { "RDSL0014 sequence repeats target settings", $"[Din(EmbeddingDim = 8)] public record R([Sparse(Vocab = 10, Table = \"items\"), Deep] int A, [Sequence(Target = nameof(A), Vocab = 10, EmbeddingDim = 8, Table = \"items\"), Deep] long[] H, [Label] bool Y);" },
        { "RDSL0015 din with target", "[Din] public record R([Sparse(Vocab = 10), Deep] int A, [Sequence(Target = nameof(A)), Deep] int[] H, [Label] bool Y);" },
        { "RDSL0016 esmm labels", "[Esmm] public record R([Sparse(Vocab = 10), Deep] int A, [ClickLabel] bool Click, [ConversionLabel] float Buy);" },
        { "RDSL0017 shared table agrees", $"[WideDeep] public record R({W}, [Sparse(Vocab = 10, Table = \"A\"), Deep] long C, [Label] bool Y);" },
        { "RDSL0018 inherited member declared again", $"public record B {{ [Dense, Deep] public virtual float C {{ get; init; }} }} [WideDeep] public record R({W}, [Label] bool Y) : B {{ [Dense, Deep] public override float C {{ get; init; }} }}" },
        { "RDSL0018 inherited label redeclared on the parameter", $"public record B([property: Label] bool Y); [WideDeep] public record R({W}, [Label] bool Y) : B(Y);" },
        { "RDSL0018 base without RecDsl attributes", $"public record B {{ public int Plain {{ get; init; }} }} [WideDeep] public record R({W}, [Label] bool Y) : B;" },
        { "RDSL0018 internal nested", $"public class Outer {{ [WideDeep] internal record struct R({W}, [Label] bool Y); }}" },
        { "RDSL0019/20 label beside its inputs, one group", $"[WideDeep] public record R({W}, [Dense, Deep] float PastClicks, [Sparse(Vocab = 10), Deep, Group] int U, [Label] float Y);" },
        { "RDSL0100 roles used", "[WideDeep, DeepFM] public record R([Sparse(Vocab = 10), Wide, Deep, FmField] int A, [Sparse(Vocab = 10), FmField] int B, [Label] bool Y);" },
        { "RDSL0101 feature with role", $"[Esmm] public record R([Dense, Deep] float Price, [ClickLabel] bool Click, [ConversionLabel] bool Buy);" },
        { "RDSL0102 din attends", $"[Din] public record R({D}, [Sequence(Target = nameof(A)), Deep] int[] H, [Label] bool Y);" },
        { "no model attribute", "public record R([Sparse] double A, [Wide] int B);" },
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public Task Reports_at_the_marked_span(string name, string code)
    {
        Assert.NotEmpty(name);
        return AnalyzerTest.Run(code);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public Task Valid_code_reports_nothing(string name, string code)
    {
        Assert.NotEmpty(name);
        return AnalyzerTest.Run(code);
    }

    [Fact]
    public Task Partial_record_reports_in_the_file_that_declares_the_member()
    {
        var test = new AnalyzerTest("[WideDeep] public partial record R { [Sparse(Vocab = 10), Wide, Deep] public int A { get; init; } }");
        test.TestState.Sources.Add(Offline.Usings + "public partial record R { [Label] public bool Y { get; init; } [Sparse(Vocab = {|RDSL0006:-2|}), Deep] public int B { get; init; } }");
        return test.RunAsync();
    }

    [Fact]
    public Task Field_member_is_located_at_its_identifier() =>
        AnalyzerTest.Run($"[WideDeep] public class R {{ [Sparse(Vocab = 10), Wide, Deep] public int A; [Label] public bool Y; [Dense, Deep] private float {{|RDSL0018:p|}}; }}");

    [Fact]
    public Task Property_targeted_attribute_is_located_on_the_property_occurrence() =>
        AnalyzerTest.Run($"[WideDeep] public record R({W}, [Sparse(Vocab = 1), Deep][property: {{|RDSL0002:Sparse|}}(Vocab = {{|RDSL0006:0|}})] int C, [Label] bool Y);");
}
