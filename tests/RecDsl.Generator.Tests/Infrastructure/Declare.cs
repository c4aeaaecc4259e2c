using RecDsl.Generator.Declarations;
using RecDsl.Generator.Helpers;

namespace RecDsl.Generator.Tests.Infrastructure;

/// <summary>Builds declaration models by hand, so emitters are tested without Roslyn (generator-style.md, rule 14).</summary>
internal static class Declare
{
    public static MemberType Type(string name, TypeShape shape, bool nullable = false, int enumValues = 0) =>
        new(name, shape, nullable, false, TypeShape.Other, "", name.TrimEnd('?'), enumValues, CollectionKind.None, false);

    public static MemberType Collection(string name, CollectionKind collection, string element, TypeShape elementShape, int enumValues = 0) =>
        new(name, TypeShape.Other, name.EndsWith("?"), true, elementShape, element, element.TrimEnd('?'), enumValues, collection, element.EndsWith("?"));

    public static readonly MemberType IntType = Type("int", TypeShape.Integer);
    public static readonly MemberType LongType = Type("long", TypeShape.Integer);
    public static readonly MemberType FloatType = Type("float", TypeShape.Floating);
    public static readonly MemberType DoubleType = Type("double", TypeShape.Floating);
    public static readonly MemberType BoolType = Type("bool", TypeShape.Bool);
    public static readonly MemberType StringType = Type("string", TypeShape.String);
    public static readonly MemberType NullableStringType = Type("string?", TypeShape.String, nullable: true);

    public static FeatureDeclaration Feature(FeatureKindDeclaration kind, int vocab = 0, int hashBuckets = 0, int embeddingDim = 0,
        string? table = null, int oov = 0, int maxLen = 50, int pooling = 1, string? target = null, double denseDefault = double.NaN) =>
        new(kind, vocab, hashBuckets, embeddingDim, table, oov, maxLen, pooling, target, target is not null ? TargetForm.Nameof : TargetForm.None, denseDefault, EquatableArray<string>.Empty, false);

    public static MemberDeclaration Member(string name, MemberType type, FeatureDeclaration? feature = null,
        bool wide = false, bool deep = false, bool fm = false, bool label = false, bool click = false, bool conversion = false, bool group = false) =>
        new(name, type, feature is null ? EquatableArray<FeatureDeclaration>.Empty : new[] { feature }.ToEquatableArray(),
            wide, deep, fm, label, click, conversion, group, null, '|', true, true, MemberSymbolKind.Property, -1, false, false);

    public static MemberDeclaration Sparse(string name, MemberType type, int vocab = 0, int hashBuckets = 0, int embeddingDim = 0,
        string? table = null, int oov = 0, bool wide = false, bool deep = true, bool fm = false, bool group = false) =>
        Member(name, type, Feature(FeatureKindDeclaration.Sparse, vocab, hashBuckets, embeddingDim, table, oov), wide, deep, fm, group: group);

    public static MemberDeclaration Dense(string name, MemberType type, double denseDefault = double.NaN, bool wide = false, bool deep = true, bool fm = false) =>
        Member(name, type, Feature(FeatureKindDeclaration.Dense, denseDefault: denseDefault), wide, deep, fm);

    public static MemberDeclaration Sequence(string name, MemberType type, string? target = null, int vocab = 0, int hashBuckets = 0,
        int maxLen = 50, int pooling = 1, string? table = null, int oov = 0, bool wide = false, bool deep = true, bool fm = false) =>
        Member(name, type, Feature(FeatureKindDeclaration.Sequence, vocab, hashBuckets, 0, table, oov, maxLen, pooling, target), wide, deep, fm);

    public static MemberDeclaration Label(string name, MemberType type) => Member(name, type, label: true);

    public static ModelDeclaration ModelOf(ModelKind kind, int embeddingDim = 16, int[]? hidden = null, double dropout = 0, int activation = -1) =>
        new(kind, embeddingDim,
            kind == ModelKind.Esmm ? EquatableArray<int>.Empty : (hidden ?? new[] { 256, 128 }).ToEquatableArray(),
            kind == ModelKind.Din ? new[] { 64, 32 }.ToEquatableArray() : EquatableArray<int>.Empty,
            kind == ModelKind.Esmm ? (hidden ?? new[] { 256, 128 }).ToEquatableArray() : EquatableArray<int>.Empty,
            kind == ModelKind.Esmm ? (hidden ?? new[] { 256, 128 }).ToEquatableArray() : EquatableArray<int>.Empty,
            dropout, false, activation >= 0 ? activation : kind == ModelKind.Din ? 1 : 0,
            EquatableArray<string>.Empty, EquatableArray<string>.Empty, false);

    /// <summary>A record; <paramref name="positional"/> makes every member a primary-constructor parameter, in order
    /// (and a positional record class has no parameterless constructor).</summary>
    public static RecordDeclaration Record(string ns, string name, ModelDeclaration[] models, MemberDeclaration[] members,
        TypeDeclarationKind kind = TypeDeclarationKind.RecordClass, string[]? containing = null, bool isPublic = true, bool positional = false)
    {
        if (positional) members = members.Select((m, i) => m with { PositionalIndex = i }).ToArray();
        var outer = containing ?? Array.Empty<string>();
        var dotted = string.Join(".", outer.Append(name));
        var metadata = (ns.Length > 0 ? ns + "." : "") + string.Join("+", outer.Append(name));
        return new RecordDeclaration(ns, name, metadata, "global::" + (ns.Length > 0 ? ns + "." : "") + dotted, kind,
            outer.Select(o => new ContainingTypeDeclaration(o, TypeDeclarationKind.Class, false, false)).ToEquatableArray(),
            false, true, isPublic, models.ToEquatableArray(), members.ToEquatableArray(),
            IsAbstract: false, HasParameterlessConstructor: !positional || kind == TypeDeclarationKind.RecordStruct, InheritsRequiredMembers: false,
            InheritedAnnotations: EquatableArray<InheritedAnnotation>.Empty);
    }
}
