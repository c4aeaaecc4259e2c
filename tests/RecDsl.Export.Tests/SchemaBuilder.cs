using RecDsl.Schema;

namespace RecDsl.Export.Tests;

/// <summary>Builds a <see cref="FeatureSchema"/> by hand, assigning slots in declaration order like the generator.</summary>
internal sealed class SchemaBuilder
{
    private readonly List<FeatureInfo> features = new();
    private int sparse, dense, sequences;

    public SchemaBuilder Sparse(string name, long cardinality, int dim, FeatureRoles roles, string? table = null)
    {
        features.Add(new FeatureInfo(name, FeatureKind.Sparse, roles, sparse++, table ?? name, cardinality, dim));
        return this;
    }

    public SchemaBuilder Dense(string name, FeatureRoles roles)
    {
        features.Add(new FeatureInfo(name, FeatureKind.Dense, roles, dense++, "", 0, 0));
        return this;
    }

    /// <summary>A targeted sequence: shares its target's table, cardinality and dimension.</summary>
    public SchemaBuilder History(string name, string target, int maxLen, FeatureRoles roles, Pooling pooling = Pooling.Mean)
    {
        var t = features.Single(f => f.Name == target);
        features.Add(new FeatureInfo(name, FeatureKind.Sequence, roles, sequences++, t.Table, t.Cardinality, t.EmbeddingDim,
            maxLen, pooling, Target: target));
        return this;
    }

    /// <summary>An untargeted (pooled) sequence, with its own table unless <paramref name="table"/> names one.</summary>
    public SchemaBuilder Sequence(string name, long cardinality, int dim, int maxLen, FeatureRoles roles, Pooling pooling = Pooling.Mean, string? table = null)
    {
        features.Add(new FeatureInfo(name, FeatureKind.Sequence, roles, sequences++, table ?? name, cardinality, dim, maxLen, pooling));
        return this;
    }

    public FeatureSchema Build(LabelInfo? labels = null) => new("Tests.Record", features, labels ?? new LabelInfo(Label: "Label"));
}
