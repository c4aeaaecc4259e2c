using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Tests;

/// <summary>Copies a baseline's weights into a RecDsl network (or back), so both compute with the same numbers.</summary>
internal static class WeightCopy
{
    /// <summary>Writes a per-field table's rows into the fused block that holds <paramref name="feature"/>'s table.</summary>
    public static void Table(FeatureEmbedder embedder, FeatureInfo feature, Tensor perFieldWeight)
    {
        var group = embedder.GroupOf(feature);
        using var noGrad = no_grad();
        group.Weight.narrow(0, group.RowOffset(feature.Table), perFieldWeight.shape[0]).copy_(perFieldWeight);
    }

    /// <summary>Copies parameters and buffers in order between two modules of the same layout (checked by shape).</summary>
    public static void Same(nn.Module from, nn.Module to)
    {
        var source = from.parameters().Concat(from.buffers()).ToArray();
        var target = to.parameters().Concat(to.buffers()).ToArray();
        Assert.Equal(source.Length, target.Length);
        using var noGrad = no_grad();
        for (int i = 0; i < source.Length; i++)
        {
            Assert.Equal(source[i].shape, target[i].shape);
            target[i].copy_(source[i]);
        }
    }
}
