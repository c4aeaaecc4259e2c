using Microsoft.CodeAnalysis;
using RecDsl.Generator.Declarations;

namespace RecDsl.Analyzers.Tests.Declarations;

public class DeclarationReaderTests
{
    private static RecordDeclaration Read(string source, string name = "R") =>
        DeclarationReader.Read(TestCompilation.Type(source, name), default) ?? throw new InvalidOperationException("no declaration");

    private static MemberDeclaration Member(RecordDeclaration record, string name) =>
        record.FindMember(name) ?? throw new InvalidOperationException("no member " + name);

    [Fact]
    public void Model_defaults_are_the_runtime_attribute_defaults()
    {
        var record = Read("[WideDeep, DeepFM, Din, Esmm] public record R;");
        Assert.Equal(4, record.Models.Count);

        void Same(ModelDeclaration model, RecModelAttribute runtime, int[]? hidden, Activation activation)
        {
            Assert.Equal(runtime.EmbeddingDim, model.EmbeddingDim);
            Assert.Equal(runtime.Dropout, model.Dropout);
            Assert.Equal(hidden ?? Array.Empty<int>(), model.Hidden.ToArray());
            Assert.Equal((int)activation, model.Activation);
            Assert.Empty(model.ExplicitArguments);
            Assert.False(model.HasErrors);
        }

        var wideDeep = new WideDeepAttribute();
        var deepFm = new DeepFMAttribute();
        var din = new DinAttribute();
        var esmm = new EsmmAttribute();
        Same(record.Models[0], wideDeep, wideDeep.Hidden, wideDeep.Activation);
        Same(record.Models[1], deepFm, deepFm.Hidden, deepFm.Activation);
        Same(record.Models[2], din, din.Hidden, din.Activation);
        Assert.Equal(din.AttentionHidden, record.Models[2].AttentionHidden.ToArray());
        Assert.Equal(din.AttentionSoftmax, record.Models[2].AttentionSoftmax);
        Same(record.Models[3], esmm, null, esmm.Activation);
        Assert.Equal(esmm.CtrHidden, record.Models[3].CtrHidden.ToArray());
        Assert.Equal(esmm.CvrHidden, record.Models[3].CvrHidden.ToArray());
    }

    [Fact]
    public void Feature_defaults_are_the_runtime_attribute_defaults()
    {
        var record = Read("""
            [DeepFM] public record R
            {
                [Sparse] public int A { get; init; }
                [Dense] public float B { get; init; }
                [Sequence] public int[] C { get; init; } = [];
            }
            """);
        var sparse = Member(record, "A").Feature!;
        var dense = Member(record, "B").Feature!;
        var sequence = Member(record, "C").Feature!;
        var runtimeSparse = new SparseAttribute();
        var runtimeDense = new DenseAttribute();
        var runtimeSequence = new SequenceAttribute();

        Assert.Equal((runtimeSparse.Vocab, runtimeSparse.HashBuckets, runtimeSparse.EmbeddingDim, runtimeSparse.Table, (int)runtimeSparse.Oov),
            (sparse.Vocab, sparse.HashBuckets, sparse.EmbeddingDim, sparse.Table, sparse.OovPolicy));
        Assert.True(double.IsNaN(runtimeDense.Default) && double.IsNaN(dense.DenseDefault));
        Assert.Equal((runtimeSequence.MaxLen, (int)runtimeSequence.Pooling, runtimeSequence.Target, (int)runtimeSequence.Oov),
            (sequence.MaxLen, sequence.Pooling, sequence.Target, sequence.OovPolicy));
        Assert.Equal(TargetForm.None, sequence.TargetForm);
    }

    [Fact]
    public void Model_settings_are_read_with_the_names_written()
    {
        var record = Read("[Din(EmbeddingDim = 8, Hidden = new[] { 400, 200, 100 }, Dropout = 0.25, AttentionSoftmax = true, Activation = Activation.PRelu)] public record R;");
        var din = record.Models[0];
        Assert.Equal(ModelKind.Din, din.Kind);
        Assert.Equal(8, din.EmbeddingDim);
        Assert.Equal(new[] { 400, 200, 100 }, din.Hidden.ToArray());
        Assert.Equal(new[] { 64, 32 }, din.AttentionHidden.ToArray());
        Assert.Equal(0.25, din.Dropout);
        Assert.True(din.AttentionSoftmax);
        Assert.Equal((int)Activation.PRelu, din.Activation);
        Assert.Equal(new[] { "EmbeddingDim", "Hidden", "Dropout", "AttentionSoftmax", "Activation" }, din.ExplicitArguments.ToArray());
    }

    [Fact]
    public void Null_hidden_array_is_remembered()
    {
        var model = Read("[WideDeep(Hidden = null)] public record R;").Models[0];
        Assert.Empty(model.Hidden);
        Assert.Equal(new[] { "Hidden" }, model.NullArguments.ToArray());
    }

    [Fact]
    public void Positional_parameters_merge_with_their_properties()
    {
        var record = Read("""
            [WideDeep]
            public sealed record R(
                [Sparse(Vocab = 10), Wide] int A,
                [property: Dense, Deep] float B,
                [Sparse(HashBuckets = 8)][property: FmField] string C,
                bool Clicked)
            {
                [Label] public bool Clicked { get; init; } = Clicked;
                [Dense] public double Extra { get; init; }
            }
            """);
        Assert.Equal(new[] { "A", "B", "C", "Clicked", "Extra" }, record.Members.Select(m => m.Name).ToArray());
        Assert.Equal(new[] { 0, 1, 2, 3, -1 }, record.Members.Select(m => m.PositionalIndex).ToArray());

        var a = Member(record, "A");
        Assert.Equal(FeatureKindDeclaration.Sparse, a.Feature!.Kind);
        Assert.Equal(10, a.Feature.Vocab);
        Assert.True(a.Wide);
        var b = Member(record, "B");
        Assert.Equal(FeatureKindDeclaration.Dense, b.Feature!.Kind);
        Assert.True(b.Deep);
        var c = Member(record, "C");
        Assert.Equal(8, c.Feature!.HashBuckets);
        Assert.True(c.FmField);
        Assert.Equal(new[] { "HashBuckets" }, c.Feature.ExplicitArguments.ToArray());
        Assert.True(Member(record, "Clicked").Label);
        Assert.All(record.Members, m => Assert.True(m.IsReadable));
    }

    [Fact]
    public void Same_feature_kind_on_parameter_and_property_is_read_twice()
    {
        var record = Read("[WideDeep] public record R([Sparse(Vocab = 1)][property: Sparse(Vocab = 2)] int A);");
        Assert.Equal(new[] { 1, 2 }, Member(record, "A").Features.Select(f => f.Vocab).ToArray());
    }

    [Theory]
    [InlineData("bool", "Bool", false, "bool")]
    [InlineData("int", "Integer", false, "int")]
    [InlineData("long?", "Integer", true, "long")]
    [InlineData("byte", "Integer", false, "byte")]
    [InlineData("float", "Floating", false, "float")]
    [InlineData("decimal", "Floating", false, "decimal")]
    [InlineData("string", "String", false, "string")]
    [InlineData("string?", "String", true, "string")]
    [InlineData("E", "Enum", false, "int")]
    [InlineData("System.DateTime", "Other", false, "")]
    public void Scalar_shapes(string type, string shapeName, bool nullable, string keyword)
    {
        var shape = Enum.Parse<TypeShape>(shapeName);
        var t = Member(Read($"public enum E {{ A, B }} [WideDeep] public record R({type} X);"), "X").Type;
        Assert.Equal((shape, nullable, false, CollectionKind.None, keyword), (t.Shape, t.IsNullable, t.IsCollection, t.Collection, t.SpecialType));
    }

    [Theory]
    [InlineData("int[]", "Array", "Integer", false, "int")]
    [InlineData("List<long>", "List", "Integer", false, "long")]
    [InlineData("IList<int?>", "IList", "Integer", true, "int")]
    [InlineData("IReadOnlyList<string>", "IReadOnlyList", "String", false, "string")]
    [InlineData("IEnumerable<E>", "IEnumerable", "Enum", false, "int")]
    [InlineData("System.Collections.Immutable.ImmutableArray<bool>", "ImmutableArray", "Bool", false, "bool")]
    public void Collection_shapes(string type, string collectionName, string elementName, bool elementNullable, string keyword)
    {
        var (collection, element) = (Enum.Parse<CollectionKind>(collectionName), Enum.Parse<TypeShape>(elementName));
        var t = Member(Read($"public enum E {{ A, B }} [WideDeep] public record R({type} X);"), "X").Type;
        Assert.Equal((true, collection, TypeShape.Other, element, elementNullable, keyword),
            (t.IsCollection, t.Collection, t.Shape, t.ElementShape, t.ElementIsNullable, t.SpecialType));
    }

    [Fact]
    public void Unsupported_collections_and_strings_are_not_collections()
    {
        var record = Read("[WideDeep] public record R(HashSet<int> A, string B, int[,] C);");
        Assert.All(record.Members, m => Assert.False(m.Type.IsCollection));
    }

    [Theory]
    [InlineData("enum E { A, B, C }", 3)]
    [InlineData("enum E { A = 2, B = 7 }", 8)]
    [InlineData("enum E : byte { A = 255 }", 256)]
    [InlineData("enum E { A = -1, B }", 0)]
    [InlineData("enum E : long { A = 1L << 40 }", 0)]
    [InlineData("enum E { }", 0)]
    public void Enum_value_count(string enumDeclaration, int count)
    {
        var t = Member(Read(enumDeclaration + " [WideDeep] public record R(E X, E[] Y);"), "X").Type;
        Assert.Equal(count, t.EnumValueCount);
    }

    [Fact]
    public void Target_forms_are_told_apart()
    {
        var record = Read("""
            [Din] public record R
            {
                const string Name = "Item";
                [Sparse(Vocab = 10)] public int Item { get; init; }
                [Sequence(Target = nameof(Item))] public int[] A { get; init; } = [];
                [Sequence(Target = "Item")] public int[] B { get; init; } = [];
                [Sequence(Target = Name)] public int[] C { get; init; } = [];
            }
            """);
        Assert.Equal(
            new (TargetForm, string?)[] { (TargetForm.Nameof, "Item"), (TargetForm.StringLiteral, "Item"), (TargetForm.Other, "Item") },
            new[] { "A", "B", "C" }.Select(n => (Member(record, n).Feature!.TargetForm, Member(record, n).Feature!.Target)).ToArray());
    }

    [Theory]
    [InlineData("[Sparse(Vocab = )]")]
    [InlineData("[Sparse(Vocb = 3)]")]
    [InlineData("[Sparse(Vocab = \"x\")]")]
    [InlineData("[Sparse(3)]")]
    [InlineData("[Sparse(Vocab = int.Parse(\"3\"))]")]
    public void Half_written_attributes_are_marked_as_errors(string attribute)
    {
        var feature = Member(Read($"[WideDeep] public record R({attribute} int X);"), "X").Feature!;
        Assert.True(feature.HasErrors);
    }

    [Fact]
    public void Misspelt_argument_is_listed_as_written()
    {
        var feature = Member(Read("[WideDeep] public record R([Sparse(Vocb = 3)] int X);"), "X").Feature!;
        Assert.Equal(new[] { "Vocb" }, feature.ExplicitArguments.ToArray());
        Assert.Equal(0, feature.Vocab);
    }

    [Fact]
    public void Record_without_model_attribute_reads_as_null()
    {
        Assert.Null(DeclarationReader.Read(TestCompilation.Type("public record R([Sparse(Vocab = 3)] int X);", "R"), default));
    }

    [Fact]
    public void Names_containing_types_and_accessibility()
    {
        var record = Read("""
            namespace Shop
            {
                public static partial class Outer<T>
                {
                    internal sealed partial record struct Inner
                    {
                        [WideDeep] private record R;
                    }
                }
            }
            """, "Shop.Outer`1+Inner+R");
        Assert.Equal(("Shop", "R", "Shop.Outer`1+Inner+R", "global::Shop.Outer<T>.Inner.R"),
            (record.Namespace, record.Name, record.MetadataName, record.FullyQualifiedName));
        Assert.Equal(TypeDeclarationKind.RecordClass, record.Kind);
        Assert.Equal(
            new[] { new ContainingTypeDeclaration("Outer", TypeDeclarationKind.Class, true, true), new ContainingTypeDeclaration("Inner", TypeDeclarationKind.RecordStruct, false, false) },
            record.ContainingTypes.ToArray());
        Assert.False(record.IsAccessible);
        Assert.False(record.IsPublic);
        Assert.False(record.IsGeneric);
    }

    [Theory]
    [InlineData("[WideDeep] public record R<T>;", "R`1", true, true, true)]
    [InlineData("[WideDeep] internal record struct R;", "R", false, true, false)]
    [InlineData("[WideDeep] file record R;", null, false, false, false)]
    public void Genericity_and_accessibility(string source, string? metadataName, bool generic, bool accessible, bool isPublic)
    {
        var compilation = TestCompilation.Create("using RecDsl;\n" + source);
        var type = compilation.GetSymbolsWithName("R", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        var record = DeclarationReader.Read(type, default)!;
        // A file-local type's metadata name is compiler-mangled; it is never generated for (RDSL0018).
        if (metadataName is not null) Assert.Equal(metadataName, record.MetadataName);
        Assert.Equal((generic, accessible, isPublic), (record.IsGeneric, record.IsAccessible, record.IsPublic));
    }

    [Fact]
    public void Fields_and_member_access()
    {
        var record = Read("""
            [WideDeep] public class R
            {
                [Sparse(Vocab = 3)] public int Field;
                [Sparse(Vocab = 3)] public readonly int ReadOnlyField;
                [Dense] private float Hidden { get; set; }
                [Dense] public float SetOnly { set { } }
                [Dense] public required float Required { get; init; }
                public static int Static { get; set; }
            }
            """);
        Assert.Equal(new[] { "Field", "ReadOnlyField", "Hidden", "SetOnly", "Required" }, record.Members.Select(m => m.Name).ToArray());
        Assert.Equal(new[] { true, true, false, false, true }, record.Members.Select(m => m.IsReadable).ToArray());
        Assert.Equal(new[] { true, false, false, true, true }, record.Members.Select(m => m.IsInitOnlyOrSettable).ToArray());
        Assert.Equal(MemberSymbolKind.Field, record.Members[0].SymbolKind);
        Assert.True(Member(record, "Required").IsRequired);
        Assert.Equal(TypeDeclarationKind.Class, record.Kind);
    }

    [Fact]
    public void Column_attribute_is_read()
    {
        var member = Member(Read("[WideDeep] public record R([Column(\"c1\", Separator = ';')] int[] X);"), "X");
        Assert.Equal(("c1", ';'), (member.ColumnName, member.ColumnSeparator));
    }

    [Fact]
    public void Reading_twice_gives_equal_declarations()
    {
        const string source = "[DeepFM(Hidden = new[] { 1, 2 })] public record R([Sparse(Vocab = 3), FmField] int X, [Sequence(Target = nameof(X))] int[] Y);";
        Assert.Equal(Read(source), Read(source));
    }
}
