using RecDsl.Models;

namespace RecDsl.Export.Tests.Export;

/// <summary>Networks for the PyTorch round trip that together take every path of the generated module: shared
/// tables, two embedding dimensions, each pooling, a wide sequence, dense FM fields, joint and single attention
/// groups with and without softmax, BatchNorm, Dice, PReLU, Tanh, Sigmoid, dropout.</summary>
internal static class RoundTripCases
{
    public static readonly string[] Names = { "wide_deep", "deep_fm", "din_softmax", "din", "esmm" };

    public static RecNetwork Create(string name) => name switch
    {
        "wide_deep" => new WideDeepNetwork(TestSchemas.WideDeep(Pooling.Max),
            new WideDeepOptions { Hidden = new[] { 8, 6 }, Activation = Activation.PRelu, BatchNorm = true, Dropout = 0.1 }),
        "deep_fm" => new DeepFmNetwork(TestSchemas.DeepFm(Pooling.Mean),
            new DeepFmOptions { Hidden = new[] { 8 }, Activation = Activation.Dice, BatchNorm = true }),
        "din_softmax" => new DinNetwork(TestSchemas.Din(Pooling.Sum),
            new DinOptions { Hidden = new[] { 8, 6 }, AttentionHidden = new[] { 6 }, AttentionSoftmax = true, BatchNorm = true }),
        "din" => new DinNetwork(TestSchemas.Din(Pooling.Max),
            new DinOptions { Hidden = new[] { 8 }, AttentionHidden = new[] { 6, 4 }, Activation = Activation.Sigmoid }),
        "esmm" => new EsmmNetwork(TestSchemas.Esmm(Pooling.Sum),
            new EsmmOptions { CtrHidden = new[] { 8, 4 }, CvrHidden = new[] { 6 }, Activation = Activation.Tanh, BatchNorm = true }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown round-trip case."),
    };

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }
}
