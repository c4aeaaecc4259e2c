using RecDsl.Backend;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// Several embedding tables of one dimension stored in one weight: table <c>t</c> occupies rows
/// <c>[RowOffset(t), RowOffset(t) + rows_t)</c>, so its row <c>r</c> is fused row <c>RowOffset(t) + r</c>.
/// A network adds a per-column offset vector to a whole block of rows and looks every field up with one op,
/// instead of one lookup per table (the torch-rechub layout). Each table keeps its own padding and OOV rows.
/// </summary>
public sealed class FusedEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly EmbeddingTable table;
    private readonly Dictionary<string, long> offsets = new(StringComparer.Ordinal);

    /// <summary>Creates the fused weight for <paramref name="tables"/>, all of dimension <paramref name="dim"/>
    /// (their own <see cref="TableInfo.EmbeddingDim"/> is ignored, so a first-order term can reuse the layout with dim 1).</summary>
    /// <param name="tables">The tables, in the order their rows are laid out.</param>
    /// <param name="dim">Embedding dimension of the fused weight.</param>
    /// <param name="sparseGradients">Give the weight a sparse gradient.</param>
    /// <param name="initStd">Standard deviation of the initial weights; 0 starts at zero.</param>
    /// <param name="name">Module name.</param>
    public FusedEmbedding(IReadOnlyList<TableInfo> tables, int dim, bool sparseGradients = false,
        double initStd = EmbeddingTable.DefaultInitStd, string name = nameof(FusedEmbedding)) : base(BackendFirst.Name(name))
    {
        if (tables.Count == 0) throw new ArgumentException("A fused embedding needs at least one table.", nameof(tables));
        Tables = tables.ToArray();
        long next = 0;
        foreach (var t in Tables)
        {
            if (!offsets.TryAdd(t.Name, next)) throw new ArgumentException($"Table '{t.Name}' is listed twice.", nameof(tables));
            next += t.Rows;
        }
        Dim = dim;
        try
        {
            table = new EmbeddingTable(next, dim, sparseGradients, initStd,
                Tables.Select(t => offsets[t.Name] + EmbeddingRows.Padding).ToArray(), "table");
        }
        catch (System.Runtime.InteropServices.ExternalException e) when (e.Message.Contains("allocate", StringComparison.Ordinal))
        {
            throw TooLarge(next, dim, e);
        }
        RegisterComponents();
    }

    /// <summary>libtorch's allocation failure names no table and comes with a page of native stack frames: say which
    /// tables asked for how much, largest first, and what makes them smaller.</summary>
    private InsufficientMemoryException TooLarge(long rows, int dim, Exception allocation)
    {
        double gib = (double)rows * dim * sizeof(float) / (1L << 30);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var largest = Tables.OrderByDescending(t => t.Rows).Take(5).Select(t => string.Create(invariant, $"'{t.Name}' {t.Rows:N0} rows"));
        string native = allocation.Message.Split('\n')[0].Trim();
        return new InsufficientMemoryException(string.Create(invariant,
            $"Cannot allocate the embedding weight of dimension {dim}: {rows:N0} rows x {dim} float32 values = {gib:N1} GiB, " +
            $"for {Tables.Count} table(s), largest {string.Join(", ", largest)}. Give the largest fewer HashBuckets or a smaller Vocab, " +
            $"or a smaller EmbeddingDim. ({native})"), allocation);
    }

    /// <summary>The tables in layout order.</summary>
    public IReadOnlyList<TableInfo> Tables { get; }

    /// <summary>Embedding dimension.</summary>
    public int Dim { get; }

    /// <summary>Rows of the fused weight.</summary>
    public long Rows => table.Rows;

    /// <summary>The fused weight, [Rows, Dim]: a new handle on each read (see <see cref="EmbeddingTable.Weight"/>).</summary>
    public Parameter Weight => table.Weight;

    /// <summary>True when the weight gets sparse gradients.</summary>
    public bool SparseGradients => table.SparseGradients;

    /// <summary>True when <paramref name="tableName"/> is stored here.</summary>
    public bool Contains(string tableName) => offsets.ContainsKey(tableName);

    /// <summary>First fused row of table <paramref name="tableName"/>.</summary>
    public long RowOffset(string tableName) =>
        offsets.TryGetValue(tableName, out var offset) ? offset : throw new KeyNotFoundException($"Table '{tableName}' is not part of this fused embedding.");

    /// <summary>Looks up fused rows (table rows plus their table's offset), any shape; returns <c>[..., Dim]</c>.</summary>
    public override Tensor forward(Tensor fusedRows) => table.call(fusedRows);

    /// <summary>Looks up rows of one table, any shape; returns <c>[..., Dim]</c>.</summary>
    public Tensor Lookup(Tensor rows, string tableName)
    {
        using var scope = torch.NewDisposeScope();
        using var offset = RowOffset(tableName).ToScalar();
        return table.call(rows.add(offset, Scalars.OneInteger)).MoveToOuterDisposeScope();
    }
}
