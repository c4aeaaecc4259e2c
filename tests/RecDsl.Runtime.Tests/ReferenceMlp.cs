using RecDsl.Layers;
using TorchSharp.Modules;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests;

/// <summary>An <see cref="Mlp"/> evaluated by plain loops over weights read out of the module (training mode:
/// Dice layers take batch statistics, BatchNorm is not supported).</summary>
internal static class ReferenceMlp
{
    /// <summary>Runs an MLP by loops over <paramref name="n"/> rows of <paramref name="x"/>; Dice layers take
    /// batch statistics over the rows where <paramref name="mask"/> is true (training mode).</summary>
    public static double[] Run(Mlp mlp, double[] x, int n, bool[]? mask = null)
    {
        var current = x;
        var width = (int)mlp.InputSize;
        foreach (var layer in mlp.Layers)
        {
            switch (layer)
            {
                case Linear linear:
                {
                    var output = (int)linear.out_features;
                    var w = Values(linear.weight!);
                    var b = Values(linear.bias!);
                    var next = new double[n * output];
                    for (int i = 0; i < n; i++)
                        for (int o = 0; o < output; o++)
                            next[i * output + o] = b[o] + Dot(w, o * width, current, i * width, width);
                    current = next;
                    width = output;
                    break;
                }
                case Dice dice:
                {
                    var (mean, variance, _) = Layers.DiceTests.BatchStatistics(current, n, width, mask);
                    current = Layers.DiceTests.Formula(current, n, width, mean, variance, Values(dice.Alpha), dice.Eps);
                    break;
                }
                case PRelu prelu:
                {
                    var a = Values(prelu.Slope);
                    current = current.Select((v, i) => v >= 0 ? v : a[i % width] * v).ToArray();
                    break;
                }
                case ReLU:
                    current = current.Select(Relu).ToArray();
                    break;
                case TorchSharp.Modules.Sigmoid:
                    current = current.Select(Sigmoid).ToArray();
                    break;
                default:
                    throw new NotSupportedException(layer.GetType().Name);
            }
        }
        return current;
    }

    public static double Relu(double x) => Math.Max(0, x);
}
