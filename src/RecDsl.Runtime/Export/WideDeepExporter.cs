using RecDsl.Models;

namespace RecDsl.Export;

/// <summary>WideDeep: logit = deep MLP over the [Deep] inputs + wide linear term.</summary>
internal static class WideDeepExporter
{
    public static string Logit(OnnxGraphBuilder g, GraphInputs inputs, WideDeepNetwork network)
    {
        var embeddings = new EmbeddingGraph(g, inputs, network.Embeddings, "embeddings");
        var x = DeepInputGraph.Concat(g, DeepInputGraph.Parts(g, inputs, embeddings, network.Input), "deep_input");
        var deep = g.Node("Squeeze", new[] { MlpGraph.Apply(g, network.Deep, x, rank3: false, "deep.layers"), g.Int64s(1) }, "deep_logit");
        var wide = LinearTermGraph.Apply(g, inputs, network.Wide, "wide");
        return g.Node("Add", new[] { deep, wide }, "logit");
    }
}
