using RecDsl.Models;

namespace RecDsl.Export;

/// <summary>ESMM: CTR and CVR towers over the shared [Deep] inputs; returns the two logits, each [B].</summary>
internal static class EsmmExporter
{
    public static (string Ctr, string Cvr) Logits(OnnxGraphBuilder g, GraphInputs inputs, EsmmNetwork network)
    {
        var embeddings = new EmbeddingGraph(g, inputs, network.Embeddings, "embeddings");
        var x = DeepInputGraph.Concat(g, DeepInputGraph.Parts(g, inputs, embeddings, network.Input), "deep_input");
        var ctr = g.Node("Squeeze", new[] { MlpGraph.Apply(g, network.CtrTower, x, rank3: false, "ctr.layers"), g.Int64s(1) }, "ctr_logit");
        var cvr = g.Node("Squeeze", new[] { MlpGraph.Apply(g, network.CvrTower, x, rank3: false, "cvr.layers"), g.Int64s(1) }, "cvr_logit");
        return (ctr, cvr);
    }
}
