using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using Xunit.Abstractions;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// ONNX Runtime outputs of the exported graph against TorchSharp eval-mode outputs, for every model kind and every
/// option that changes the graph: BatchNorm on/off, each activation, pooling modes, DIN softmax on/off, joint and
/// single attention groups, shared tables, dense FM fields, OOV rows, empty and full histories.
/// </summary>
public class OnnxParityTests
{
    private readonly ITestOutputHelper output;

    // xunit makes one instance per test case: every case starts from the same initial weights whatever ran before
    // it (the assembly runs its classes one at a time, so nothing else draws from torch's generator meanwhile).
    // Unseeded, an unlucky draw let 6 Adam steps kill every ReLU of a DIN, and the output-variation guard failed.
    public OnnxParityTests(ITestOutputHelper output)
    {
        this.output = output;
        torch.manual_seed(20261206);
    }

    public static TheoryData<Activation, bool, Pooling> Variants()
    {
        var data = new TheoryData<Activation, bool, Pooling>();
        var i = 0;
        foreach (var activation in Enum.GetValues<Activation>())
            foreach (var batchNorm in new[] { false, true })
                data.Add(activation, batchNorm, (Pooling)(i++ % 3));
        return data;
    }

    public static TheoryData<Pooling> Poolings() => new() { Pooling.Sum, Pooling.Mean, Pooling.Max };

    [Theory]
    [MemberData(nameof(Variants))]
    public void WideDeep_matches_torch(Activation activation, bool batchNorm, Pooling pooling)
    {
        using var net = new WideDeepNetwork(TestSchemas.WideDeep(pooling),
            new WideDeepOptions { Hidden = new[] { 8, 6 }, Activation = activation, BatchNorm = batchNorm, Dropout = 0.2 });
        Check(net, nameof(WideDeepNetwork), $"{activation} bn={batchNorm} {pooling}", 31);
    }

    [Theory]
    [MemberData(nameof(Poolings))]
    public void WideDeep_matches_torch_for_each_pooling(Pooling pooling)
    {
        using var net = new WideDeepNetwork(TestSchemas.WideDeep(pooling), new WideDeepOptions { Hidden = new[] { 8 }, BatchNorm = true });
        Check(net, nameof(WideDeepNetwork), $"Relu bn=True {pooling}", 32);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DeepFm_matches_torch(Activation activation, bool batchNorm, Pooling pooling)
    {
        using var net = new DeepFmNetwork(TestSchemas.DeepFm(pooling),
            new DeepFmOptions { Hidden = new[] { 8, 6 }, Activation = activation, BatchNorm = batchNorm, Dropout = 0.2 });
        Check(net, nameof(DeepFmNetwork), $"{activation} bn={batchNorm} {pooling}", 33);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Din_matches_torch(Activation activation, bool batchNorm, Pooling pooling)
    {
        foreach (var softmax in new[] { false, true })
        {
            using var net = new DinNetwork(TestSchemas.Din(pooling), new DinOptions
            {
                Hidden = new[] { 8, 6 }, AttentionHidden = new[] { 6, 5 }, Activation = activation,
                AttentionSoftmax = softmax, BatchNorm = batchNorm,
            });
            Assert.Equal(3, net.AttentionGroups.Count);
            Assert.Equal(2, net.AttentionGroups[0].Sequences.Count);
            Check(net, nameof(DinNetwork), $"{activation} bn={batchNorm} softmax={softmax} {pooling}", 34);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Esmm_matches_torch(Activation activation, bool batchNorm, Pooling pooling)
    {
        using var net = new EsmmNetwork(TestSchemas.Esmm(pooling), new EsmmOptions
        {
            CtrHidden = new[] { 8, 4 }, CvrHidden = new[] { 6 }, Activation = activation, BatchNorm = batchNorm,
        });
        Check(net, nameof(EsmmNetwork), $"{activation} bn={batchNorm} {pooling}", 35);
    }

    [Fact]
    public void One_export_serves_any_batch_size()
    {
        using var net = new DinNetwork(TestSchemas.Din(Pooling.Mean), new DinOptions { Hidden = new[] { 8 }, AttentionHidden = new[] { 6 }, BatchNorm = true });
        var rows = new TestRows(net.Schema, 24, 36);
        Parity.Train(net, rows, 6);
        var expected = Parity.TorchProbabilities(net, rows);
        var model = OnnxExporter.ToBytes(net);
        foreach (var (start, count) in new[] { (0, 1), (1, 1), (5, 7), (0, 24) })
        {
            var actual = Parity.OnnxProbabilities(model, rows, net.Task, start, count);
            var error = Parity.MaxRelativeError(expected.AsSpan(start, count).ToArray(), actual);
            Assert.True(error <= Parity.Tolerance, $"rows {start}..{start + count}: max relative error {error:G3}");
        }
    }

    // Click probabilities live in sigmoid's negative tail, where ONNX Runtime's own Sigmoid kernel is approximate
    // (relative error 2e-4 near p = 5e-4, 1% near 3e-5): the export writes 1 / (1 + exp(-x)) instead, and this moves
    // the output biases down step by step to check the probabilities there, ESMM's pCTCVR = pCTR * pCVR included.
    [Fact]
    public void Probabilities_deep_in_the_negative_tail_match_torch()
    {
        using var wideDeep = new WideDeepNetwork(TestSchemas.WideDeep(Pooling.Mean), new WideDeepOptions { Hidden = new[] { 8 } });
        using var esmm = new EsmmNetwork(TestSchemas.Esmm(Pooling.Mean), new EsmmOptions { CtrHidden = new[] { 8 }, CvrHidden = new[] { 6 } });
        foreach (var net in new RecNetwork[] { wideDeep, esmm })
        {
            var rows = new TestRows(net.Schema, 32, 37);
            var smallest = 1f;
            for (int step = 1; step <= 4; step++)
            {
                ShiftOutputBiases(net, -3.5f);
                var expected = Parity.TorchProbabilities(net, rows);
                smallest = Math.Min(smallest, expected.Min());
                var error = Parity.MaxRelativeError(expected, Parity.OnnxProbabilities(OnnxExporter.ToBytes(net), rows, net.Task));
                output.WriteLine($"{net.GetType().Name}, output biases {-3.5 * step}: probabilities {expected.Min():G3}..{expected.Max():G3}, max relative error {error:G3}");
                Assert.True(error <= Parity.Tolerance, $"{net.GetType().Name}, output biases {-3.5 * step}: max relative error {error:G3} > {Parity.Tolerance}");
            }
            Assert.True(smallest < 1e-6, $"{net.GetType().Name}: the probabilities never went below {smallest:G3}");
        }
    }

    // The last Linear of each output tower ([1] bias): adding to it adds to the logit of every row.
    private static void ShiftOutputBiases(RecNetwork net, float shift)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in net.named_parameters())
            if (name.EndsWith(".bias", StringComparison.Ordinal) && parameter.shape.SequenceEqual(new long[] { 1 })
                && (name.StartsWith("deep.", StringComparison.Ordinal) || name.StartsWith("ctr.", StringComparison.Ordinal) || name.StartsWith("cvr.", StringComparison.Ordinal)))
                parameter.add_(shift);
    }

    private void Check(RecNetwork net, string model, string variant, int seed)
    {
        var rows = new TestRows(net.Schema, 32, seed);
        var error = Parity.MaxRelativeError(net, rows);
        output.WriteLine($"{model} [{variant}]: max relative error {error:G3}");
        Assert.True(error <= Parity.Tolerance, $"{model} [{variant}]: max relative error {error:G3} > {Parity.Tolerance}");
    }
}
