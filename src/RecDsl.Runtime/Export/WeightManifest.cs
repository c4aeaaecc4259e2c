using RecDsl.Layers;
using RecDsl.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>
/// The documented list of a network's saved tensors: every state_dict entry with its dtype, shape and a meaning
/// derived from the module that owns it (a fused embedding lists the row range of each of its tables).
/// </summary>
internal static class WeightManifest
{
    public static IReadOnlyList<WeightInfo> Of(RecNetwork network)
    {
        var modules = network.named_modules().ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);
        var result = new List<WeightInfo>();
        foreach (var (name, tensor) in network.state_dict())
        {
            var dot = name.LastIndexOf('.');
            var owner = dot < 0 ? "" : name[..dot];
            var leaf = name[(dot + 1)..];
            var module = owner.Length == 0 ? network : modules.GetValueOrDefault(owner);
            var meaning = module is Embedding ? TableRows(modules, owner) : Meaning(network, module, leaf);
            result.Add(new WeightInfo(name, DType(tensor.dtype), tensor.shape.ToArray(), meaning));
        }
        return result;
    }

    private static string DType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        _ => type.ToString(),
    };

    private static string Meaning(RecNetwork network, nn.Module? module, string leaf) => (module, leaf) switch
    {
        (DeepFmNetwork d, "denseVectors") => $"learned vectors of the dense FM fields, one row each: {string.Join(", ", d.DenseFieldSlots.Select(s => network.Schema.Dense[(int)s].Name))}",
        (LinearTerm t, "denseWeight") => $"weight of each dense value: {string.Join(", ", t.DenseSlots.Select(s => network.Schema.Dense[(int)s].Name))}",
        (LinearTerm, "bias") => "bias of the linear term",
        (Linear, "weight") => "Linear weight [out, in]",
        (Linear, "bias") => "Linear bias",
        (BatchNorm1d, "weight") => "BatchNorm1d scale (gamma)",
        (BatchNorm1d, "bias") => "BatchNorm1d shift (beta)",
        (BatchNorm1d, "running_mean") => "BatchNorm1d running mean",
        (BatchNorm1d, "running_var") => "BatchNorm1d running (unbiased) variance",
        (BatchNorm1d, "num_batches_tracked") => "BatchNorm1d batches seen",
        (Dice, "alpha") => "Dice slope of the off side, per channel",
        (Dice, "running_mean") => "Dice running mean (used in eval)",
        (Dice, "running_var") => "Dice running (unbiased) variance (used in eval)",
        (PRelu, "slope") => "PReLU slope of the negative side, per channel of the last dimension",
        _ => leaf,
    };

    // An embedding weight is FusedEmbedding "{x}" -> .table (EmbeddingTable) -> .embedding: list the fused tables' rows.
    private static string TableRows(Dictionary<string, nn.Module> modules, string owner)
    {
        const string suffix = ".table.embedding";
        if (!owner.EndsWith(suffix, StringComparison.Ordinal) || modules.GetValueOrDefault(owner[..^suffix.Length]) is not FusedEmbedding fused)
            return "embedding weight";
        var tables = fused.Tables.Select(t => $"{t.Name} rows {fused.RowOffset(t.Name)}..{fused.RowOffset(t.Name) + t.Rows - 1}");
        return $"fused embedding, dim {fused.Dim}: {string.Join("; ", tables)}. In each table row 0 is padding, row 1 OOV, id v is row v + 2";
    }
}
