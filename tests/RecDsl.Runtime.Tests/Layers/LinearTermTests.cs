using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using static RecDsl.Tests.Numeric;

namespace RecDsl.Tests.Layers;

public class LinearTermTests
{
    private const FeatureRoles Wide = FeatureRoles.Wide;

    private static readonly FeatureSchema Schema = new SchemaBuilder()
        .Sparse("A", 4, 8, Wide)
        .Sparse("B", 3, 8, Wide)
        .Sparse("C", 6, 4, Wide)
        .Sequence("S", 5, 8, 3, Wide, Pooling.Mean)
        .Sequence("T", 2, 4, 2, Wide, Pooling.Sum)
        .Dense("X", Wide).Dense("Y", Wide).Dense("Z", Wide)
        .Build();

    // The term sees A, C (not B), both sequences and X, Z (not Y): non-contiguous column selections.
    private static FeatureInfo[] Seen => new[] { Schema["A"], Schema["C"], Schema["S"], Schema["T"], Schema["X"], Schema["Z"] };

    private static readonly long[] Sparse = { 2, 3, 1, /**/ 1, 2, 7, /**/ 5, 4, 3 };
    private static readonly long[] S = { 2, 3, 0, /**/ 0, 0, 0, /**/ 6, 1, 4 };
    private static readonly long[] T = { 3, 0, /**/ 2, 3, /**/ 0, 0 };

    private static FeatureBatch Batch() => new(3, Rows(Sparse, 3, 3), Random(21, 1.0, 3, 3),
        new[] { Rows(S, 3, 3), Rows(T, 3, 2) });

    private static LinearTerm RandomTerm()
    {
        var term = new LinearTerm(Schema, Seen);
        Randomize(term.IdWeights!.Groups[0].Weight, 22);
        Randomize(term.DenseWeight!, 23);
        Randomize(term.Bias, 24);
        return term;
    }

    private static double[] Reference(LinearTerm term, FeatureBatch batch)
    {
        var fused = term.IdWeights!.Groups[0];
        var w = Values(fused.Weight);
        double W(string table, long row) => w[fused.RowOffset(table) + row];
        var dense = Values(batch.Dense);
        var dw = Values(term.DenseWeight!);
        var bias = Values(term.Bias)[0];
        var result = new double[3];
        for (int b = 0; b < 3; b++)
        {
            double s = bias + W("A", Sparse[b * 3 + 0]) + W("C", Sparse[b * 3 + 2]);
            double sum = 0;
            int count = 0;
            for (int l = 0; l < 3; l++)
                if (S[b * 3 + l] != 0) { sum += W("S", S[b * 3 + l]); count++; }
            s += count == 0 ? 0 : sum / count;
            for (int l = 0; l < 2; l++)
                if (T[b * 2 + l] != 0) s += W("T", T[b * 2 + l]);
            s += dw[0] * dense[b * 3 + 0] + dw[1] * dense[b * 3 + 2];
            result[b] = s;
        }
        return result;
    }

    [Fact]
    public void Score_matches_a_loop_over_ids_pooled_sequences_and_dense_values()
    {
        using var scope = torch.NewDisposeScope();
        using var term = RandomTerm();
        using var batch = Batch();
        var output = term.call(batch);
        Assert.Equal(new long[] { 3 }, output.shape);
        Close(Reference(term, batch), output);
    }

    [Fact]
    public void Weights_start_at_zero()
    {
        using var scope = torch.NewDisposeScope();
        using var term = new LinearTerm(Schema, Seen);
        using var batch = Batch();
        Assert.All(Values(term.call(batch)), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Padding_rows_never_contribute()
    {
        using var scope = torch.NewDisposeScope();
        using var term = RandomTerm();
        using var batch = Batch();
        var before = term.call(batch);
        var fused = term.IdWeights!.Groups[0];
        using (torch.no_grad())
            foreach (var table in new[] { "A", "C", "S", "T" })
                fused.Weight[fused.RowOffset(table) + EmbeddingRows.Padding].fill_(100);
        Same(before, term.call(batch), 0);
    }

    [Fact]
    public void The_oov_row_is_a_learned_weight_used_by_out_of_range_ids()
    {
        using var scope = torch.NewDisposeScope();
        using var term = RandomTerm();
        using var batch = Batch();
        var before = Values(term.call(batch));
        var fused = term.IdWeights!.Groups[0];
        using (torch.no_grad()) fused.Weight[fused.RowOffset("A") + EmbeddingRows.Oov].add_(1);
        // Only row 1 has A at the OOV row.
        Close(new[] { before[0], before[1] + 1, before[2] }, term.call(batch));
    }
}
