using RecDsl.Layers;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class PReluTests
{
    [Fact]
    public void Slopes_apply_per_channel_of_the_last_dimension()
    {
        using var scope = torch.NewDisposeScope();
        using var prelu = new PRelu(4);
        Assert.All(Values(prelu.Slope), v => Assert.Equal(0.25, v));
        Randomize(prelu.Slope, 61);
        var x = Random(62, 1.0, 2, 3, 4);
        var xv = Values(x);
        var a = Values(prelu.Slope);
        var expected = xv.Select((v, i) => v >= 0 ? v : a[i % 4] * v).ToArray();
        Close(expected, prelu.call(x), 1e-6, 1e-7);
    }
}
