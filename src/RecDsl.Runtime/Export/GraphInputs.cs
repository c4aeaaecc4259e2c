using Onnx;
using RecDsl.Schema;

namespace RecDsl.Export;

/// <summary>
/// The graph inputs: one per feature of the schema, named after the record member, in declaration order, so that
/// every model of a record takes the same inputs (a feature a model does not read stays an unused input).
/// Sparse: Int64 [batch] table rows; dense: Float32 [batch]; sequence: Int64 [batch, MaxLen] rows padded with 0.
/// Masks and the dense block are built once and shared by every part of the model.
/// </summary>
internal sealed class GraphInputs
{
    private readonly OnnxGraphBuilder g;
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Bool, string Float)> masks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> denseBlocks = new(StringComparer.Ordinal);

    public GraphInputs(OnnxGraphBuilder builder, FeatureSchema schema)
    {
        g = builder;
        Schema = schema;
        foreach (var f in schema.Features)
        {
            names[f.Name] = f.Kind switch
            {
                FeatureKind.Sparse => g.Input(f.Name, TensorProto.Types.DataType.Int64),
                FeatureKind.Dense => g.Input(f.Name, TensorProto.Types.DataType.Float),
                FeatureKind.Sequence => g.Input(f.Name, TensorProto.Types.DataType.Int64, f.MaxLen),
                _ => throw new ArgumentOutOfRangeException(nameof(schema), f.Kind, "Unknown feature kind."),
            };
        }
    }

    public FeatureSchema Schema { get; }

    /// <summary>The input of <paramref name="feature"/>: rows [B] / [B, L] or values [B].</summary>
    public string Of(FeatureInfo feature) => names[feature.Name];

    /// <summary>Bool [B, L] true at real items, and the same as Float32 (torch: <c>rows != 0</c>).</summary>
    public (string Bool, string Float) Mask(FeatureInfo sequence)
    {
        if (masks.TryGetValue(sequence.Name, out var mask)) return mask;
        var padding = g.Node("Equal", new[] { Of(sequence), g.Int64Scalar(EmbeddingRows.Padding) }, sequence.Name + "_is_padding");
        var real = g.Node("Not", new[] { padding }, sequence.Name + "_mask");
        var real01 = g.Node("Cast", new[] { real }, sequence.Name + "_mask_f",
            OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float));
        return masks[sequence.Name] = (real, real01);
    }

    /// <summary>The dense values of <paramref name="slots"/> (schema dense slots, in that order) as [B, n].</summary>
    public string DenseColumns(IReadOnlyList<long> slots)
    {
        var key = string.Join(",", slots);
        if (denseBlocks.TryGetValue(key, out var block)) return block;
        var columns = slots.Select(s => g.Node("Unsqueeze", new[] { Of(Schema.Dense[(int)s]), g.Int64s(1) }, Schema.Dense[(int)s].Name + "_col")).ToArray();
        block = columns.Length == 1 ? columns[0] : g.Node("Concat", columns, "dense", OnnxGraphBuilder.Int("axis", 1));
        return denseBlocks[key] = block;
    }
}
