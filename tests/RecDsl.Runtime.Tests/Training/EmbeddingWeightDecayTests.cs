using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;
using RecDsl.Training;
using TorchSharp;

namespace RecDsl.Tests.Training;

/// <summary>
/// <see cref="TrainerOptions.EmbeddingWeightDecay"/> decays the embedding tables (the feature embeddings and the
/// first-order weights) and <see cref="TrainerOptions.WeightDecay"/> then the rest, each as its optimizer applies decay.
/// One full-batch step from the same initial weights, against a run without decay: the parts not decayed must end
/// bitwise the same, and the decayed rows where the expectation is known in closed form must follow it.
/// </summary>
public class EmbeddingWeightDecayTests
{
    private const double Lr = 0.05, Decay = 0.1;
    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("a", 3000, 4, FeatureRoles.FmField | FeatureRoles.Deep) // most rows untouched by 128 rows
        .Sparse("b", 20, 4, FeatureRoles.FmField | FeatureRoles.Deep)
        .Dense("x", FeatureRoles.Deep)
        .Build();

    private static readonly Lazy<DeepFmNetwork> Start = new(() => new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = [8] }));

    private static (float[][] Tables, Dictionary<string, byte[]> Others, float[][] Initial) StepOnce(OptimizerKind optimizer, double weightDecay, double? embeddingWeightDecay)
    {
        // Every run starts from the same weights, copied (torch's global RNG is shared by test classes in parallel).
        using var network = new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = [8] });
        network.load_state_dict(Start.Value.state_dict());
        var initial = Tables(network);
        var data = new Models.Synthetic(Schema, 128, seed: 3, oovRate: 0);
        using var train = data.Batch(label: Enumerable.Range(0, 128).Select(i => (float)(i % 3 == 0 ? 1 : 0)).ToArray());
        var options = new TrainerOptions
        {
            Optimizer = optimizer, LearningRate = Lr, BatchSize = 128, Epochs = 1, Seed = 1,
            WeightDecay = weightDecay, EmbeddingWeightDecay = embeddingWeightDecay,
        };
        new Trainer(network, options).Fit(train);
        var tableNames = network.named_modules().Where(m => m.module is EmbeddingTable).Select(m => m.name + ".").ToArray();
        var others = Weights.Bytes(network).Where(kv => !tableNames.Any(t => kv.Key.StartsWith(t, StringComparison.Ordinal)))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        return (Tables(network), others, initial);
    }

    private static float[][] Tables(RecNetwork network) => network.modules().OfType<EmbeddingTable>().Select(t =>
    {
        using var weight = t.Weight;
        return weight.detach().cpu().data<float>().ToArray();
    }).ToArray();

    [Fact]
    public void Adam_adds_the_embedding_decay_to_the_tables_gradient_only()
    {
        var plain = StepOnce(OptimizerKind.Adam, 0, null);
        var decayed = StepOnce(OptimizerKind.Adam, 0, Decay);

        Weights.AssertBitwiseEqual(plain.Others, decayed.Others); // the MLP, FM bias and dense weights: no decay
        Assert.Equal(2, plain.Tables.Length); // the dim-4 embeddings and the dim-1 first-order weights
        int untouched = 0;
        for (int t = 0; t < plain.Tables.Length; t++)
        {
            for (int i = 0; i < plain.Tables[t].Length; i++)
            {
                float w0 = plain.Initial[t][i];
                // Without decay a value the batch did not reach keeps its initial value (zero gradient, zero moments).
                if (plain.Tables[t][i] != w0) continue;
                untouched++;
                // With decay its gradient is decay * w0, and Adam's first step moves it by lr * g / (|g| + eps).
                double g = Decay * w0, expected = w0 - Lr * g / (Math.Abs(g) + 1e-8);
                Assert.True(Math.Abs(decayed.Tables[t][i] - expected) < 1e-6, $"table {t} value {i}: {decayed.Tables[t][i]} vs {expected}");
            }
        }
        Assert.True(untouched > 10_000, $"only {untouched} untouched values");
    }

    [Fact]
    public void Weight_decay_alone_leaves_the_tables_when_the_embedding_decay_is_zero()
    {
        var plain = StepOnce(OptimizerKind.Adam, 0, null);
        var decayed = StepOnce(OptimizerKind.Adam, Decay, 0);
        var everywhere = StepOnce(OptimizerKind.Adam, Decay, null);

        for (int t = 0; t < plain.Tables.Length; t++) Assert.Equal(plain.Tables[t], decayed.Tables[t]);
        Assert.False(Weights.BitwiseEqual(plain.Others, decayed.Others));
        Weights.AssertBitwiseEqual(decayed.Others, everywhere.Others); // null takes WeightDecay for the tables too
        Assert.NotEqual(plain.Tables[0], everywhere.Tables[0]);
    }

    [Fact]
    public void Lazy_adam_decays_only_the_looked_up_rows_decoupled()
    {
        var plain = StepOnce(OptimizerKind.LazyAdam, 0, null);
        var decayed = StepOnce(OptimizerKind.LazyAdam, 0, Decay);

        Weights.AssertBitwiseEqual(plain.Others, decayed.Others);
        int touched = 0;
        for (int t = 0; t < plain.Tables.Length; t++)
        {
            for (int i = 0; i < plain.Tables[t].Length; i++)
            {
                float w0 = plain.Initial[t][i];
                if (plain.Tables[t][i] == w0)
                {
                    Assert.Equal(w0, decayed.Tables[t][i]); // not looked up: neither moved nor decayed
                    continue;
                }
                touched++;
                // Decoupled: w0 (1 - lr decay), then the same Adam step as without decay.
                double expected = w0 * (1 - Lr * Decay) + (plain.Tables[t][i] - (double)w0);
                Assert.True(Math.Abs(decayed.Tables[t][i] - expected) < 1e-6, $"table {t} value {i}: {decayed.Tables[t][i]} vs {expected}");
            }
        }
        Assert.True(touched > 100, $"only {touched} looked-up values");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_embedding_decay_is_refused_by_name(double decay)
    {
        using var network = new DeepFmNetwork(Schema, new DeepFmOptions { Hidden = [8] });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, new TrainerOptions { EmbeddingWeightDecay = decay }));
        Assert.Equal(nameof(TrainerOptions.EmbeddingWeightDecay), error.ParamName);
    }
}
