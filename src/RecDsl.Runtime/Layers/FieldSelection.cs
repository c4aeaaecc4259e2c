using RecDsl.Schema;

namespace RecDsl.Layers;

/// <summary>A fixed list of sparse fields of one embedding dimension, made by
/// <see cref="FeatureEmbedder.SelectFields"/> once at construction and applied to every batch's lookup.</summary>
public sealed class FieldSelection
{
    internal FieldSelection(int group, int dim, IReadOnlyList<FeatureInfo> features, ColumnSelection columns)
    {
        Group = group;
        Dim = dim;
        Features = features;
        Columns = columns;
    }

    /// <summary>Index of the dimension group the fields belong to.</summary>
    public int Group { get; }

    /// <summary>Their embedding dimension.</summary>
    public int Dim { get; }

    /// <summary>The fields, in output order.</summary>
    public IReadOnlyList<FeatureInfo> Features { get; }

    /// <summary>Number of fields.</summary>
    public int Count => Features.Count;

    internal ColumnSelection Columns { get; }
}
