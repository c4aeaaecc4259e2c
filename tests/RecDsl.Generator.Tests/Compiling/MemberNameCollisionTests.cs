using System.Reflection;
using RecDsl.Batching;
using RecDsl.Generator.Tests.Infrastructure;
using RecDsl.Vocabularies;

namespace RecDsl.Generator.Tests.Compiling;

/// <summary>A feature may be named like any member of the generated batch's or vocabulary's base class: the typed
/// property it gets is renamed, never a hiding member (CS0108, an error under TreatWarningsAsErrors). The names come
/// from the runtime by reflection, so a member added to <see cref="FeatureBatch"/> or <see cref="VocabularySet"/>
/// later is covered without editing this test.</summary>
public class MemberNameCollisionTests
{
    // Members a derived class sees, minus what a record cannot declare itself (object's and the record's own).
    private static IEnumerable<string> VisibleNames(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy)
            .Where(m => m switch
            {
                MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && !method.IsSpecialName && !method.IsConstructor,
                PropertyInfo property => property.GetMethod is { } get && (get.IsPublic || get.IsFamily || get.IsFamilyOrAssembly),
                FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                _ => false,
            })
            .Select(m => m is PropertyInfo { Name: "Item" } p && p.GetIndexParameters().Length > 0 ? "Item" : m.Name)
            .Where(name => typeof(object).GetMember(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Length == 0 && name is not "EqualityContract" and not "PrintMembers")
            .Distinct()
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Features_named_like_batch_members_compile_without_diagnostics()
    {
        var names = VisibleNames(typeof(FeatureBatch)).ToList();
        Assert.Contains("RecordName", names);
        string members = string.Join("\n", names.Select(n => $"    [Dense, Deep] public float {n} {{ get; init; }}"));
        string generated = AssertCompiles(RecordWith(members));
        Assert.Contains("public global::TorchSharp.torch.Tensor RecordNameTensor =>", generated);
    }

    [Fact]
    public void Tables_named_like_vocabulary_members_compile_without_diagnostics()
    {
        var names = VisibleNames(typeof(VocabularySet)).ToList();
        Assert.Contains("Digest", names);
        string members = string.Join("\n", names.Select(n => $"    [Sparse(Vocab = 10), Deep] public string {n} {{ get; init; }} = \"\";"));
        string generated = AssertCompiles(RecordWith(members));
        Assert.Contains("public global::RecDsl.Vocabularies.Vocabulary DigestVocabulary { get; }", generated);
    }

    // A WideDeep record with an id, the given member lines and a label.
    private static string RecordWith(string members) => $$"""
        using RecDsl;
        namespace Collide;
        [WideDeep]
        public sealed record Row
        {
            [Sparse(Vocab = 10), Wide, Deep] public int Id { get; init; }
        {{members}}
            [Label] public bool Clicked { get; init; }
        }
        """;

    // Returns the generated files' texts.
    private static string AssertCompiles(string source)
    {
        var (result, output, _) = GeneratorRun.Run(source);
        var files = GeneratorRun.Files(result).ToList();
        Assert.NotEmpty(files);
        var problems = TestCompilation.Problems(output);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems));
        return string.Join("\n", files.Select(f => f.Text));
    }
}
