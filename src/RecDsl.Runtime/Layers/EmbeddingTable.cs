using RecDsl.Backend;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// An embedding table that follows the row convention of <see cref="EmbeddingRows"/>: the padding row(s) start
/// at zero, every other row (OOV included) is drawn from N(0, initStd²). <c>forward(rows)</c> maps Int64 rows of
/// any shape to <c>[..., dim]</c>. With <see cref="SparseGradients"/> the weight gets a sparse COO gradient that
/// touches only the looked-up rows (SGD and RecDsl's <c>LazyAdam</c> handle it; TorchSharp's Adam/AdamW/Adagrad do not).
/// </summary>
/// <remarks>
/// Padding rows are not frozen here: the layers that consume embeddings mask padding out (pooling, attention), so
/// padding rows get exactly zero gradient and never contribute, whatever their value.
/// <para>The gradient layout can change at any time (the trainer picks it to match its optimizer). TorchSharp's
/// native <c>Embedding</c> fixes <c>sparse</c> at construction, so the weight lives in a dense-gradient module (the
/// one in <c>state_dict</c>) and sparse lookups go through a second, unregistered module that is pointed at that
/// same weight before every lookup; both lookups read the same rows and the gradient lands on the same weight.</para>
/// </remarks>
public sealed class EmbeddingTable : nn.Module<Tensor, Tensor>
{
    /// <summary>Standard deviation of the initial weights. Larger than the 1e-4 of the Python anchors so that
    /// FM interactions and attention scores have a usable gradient from the first step, also under plain SGD.</summary>
    public const double DefaultInitStd = 0.01;

    private readonly Embedding embedding;
    private Embedding? sparseLookup; // created after RegisterComponents, so it is not a submodule and owns no parameter

    /// <summary>Creates a table of <paramref name="rows"/> rows (reserved rows included) of <paramref name="dim"/> values.</summary>
    /// <param name="rows">Total rows, including the reserved padding and OOV rows.</param>
    /// <param name="dim">Embedding dimension.</param>
    /// <param name="sparseGradients">Give the weight a sparse gradient (initially; see <see cref="SparseGradients"/>).</param>
    /// <param name="initStd">Standard deviation of the initial weights; 0 starts every row at zero.</param>
    /// <param name="paddingRows">Rows that start at zero; null means row <see cref="EmbeddingRows.Padding"/>.</param>
    /// <param name="name">Module name.</param>
    public EmbeddingTable(long rows, int dim, bool sparseGradients = false, double initStd = DefaultInitStd,
        IReadOnlyList<long>? paddingRows = null, string name = nameof(EmbeddingTable)) : base(BackendFirst.Name(name))
    {
        if (rows < EmbeddingRows.Reserved) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A table needs at least the {EmbeddingRows.Reserved} reserved rows.");
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "The embedding dimension must be positive.");
        if (!(initStd >= 0) || double.IsInfinity(initStd))
            throw new ArgumentOutOfRangeException(nameof(initStd), initStd, "The standard deviation must be a finite number, zero or positive (NaN or infinity would fill the table with NaN).");
        Rows = rows;
        Dim = dim;
        SparseGradients = sparseGradients;
        PaddingRows = (paddingRows ?? new[] { EmbeddingRows.Padding }).ToArray();
        embedding = nn.Embedding(rows, dim);
        if (skipInitialValues == 0) DrawInitialValues(initStd);
        RegisterComponents();
    }

    private void DrawInitialValues(double initStd)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var weight = Weight;
        if (initStd == 0) weight.zero_();
        else weight.normal_(0, initStd);
        if (PaddingRows.Count > 0)
            weight.index_fill_(0, torch.tensor(PaddingRows.ToArray(), dtype: ScalarType.Int64), Scalars.Zero);
    }

    [ThreadStatic] private static int skipInitialValues;

    /// <summary>Runs <paramref name="create"/> with the tables it builds on this thread left as nn.Embedding made
    /// them, without drawing their initial values: for a network whose every weight is read from a file next (a
    /// saved model's Load), the draw is wasted time, a third of loading the Criteo-shape DeepFM. The torch generator
    /// then draws less than a new network would, which nothing after a load depends on (training seeds each epoch).</summary>
    internal static T WithoutInitialValues<T>(Func<T> create)
    {
        skipInitialValues++;
        try
        {
            return create();
        }
        finally
        {
            skipInitialValues--;
        }
    }

    /// <summary>Rows of the table, reserved rows included.</summary>
    public long Rows { get; }

    /// <summary>Embedding dimension.</summary>
    public int Dim { get; }

    /// <summary>True when lookups give the weight a sparse COO gradient (only looked-up rows, duplicates not summed);
    /// false for a dense gradient. Takes effect from the next lookup.</summary>
    public bool SparseGradients { get; set; }

    /// <summary>The rows that started at zero (padding).</summary>
    public IReadOnlyList<long> PaddingRows { get; }

    /// <summary>The weight, [Rows, Dim]. Each read is a new handle to the same storage (TorchSharp's Embedding is a
    /// native module): dispose it, or read it inside a dispose scope, or it keeps the storage alive until the finalizer
    /// runs, even after the model is disposed.</summary>
    public Parameter Weight => embedding.weight ?? throw new InvalidOperationException("The embedding has no weight.");

    /// <summary>Looks up Int64 <paramref name="rows"/> of any shape; returns <c>[..., Dim]</c>.</summary>
    public override Tensor forward(Tensor rows)
    {
        if (!SparseGradients) return embedding.call(rows);
        sparseLookup ??= CreateSparseLookup();
        // Re-pointed every time, so it follows the weight wherever Module.to or a load moved it (one native call).
        using (var weight = embedding.weight) sparseLookup.weight = weight!;
        return sparseLookup.call(rows);
    }

    /// <summary>The sparse-gradient module, made without a trace in torch's generator: nn.Embedding draws its
    /// (discarded) initial values from it, and a draw at the first sparse lookup (epoch 1 of a run, epoch k+1 of a run
    /// resumed on a fresh network) shifted every dropout mask after it, so LazyAdam runs with dropout resumed
    /// differently from the uninterrupted run. TorchSharp's Embedding_from_pretrained draws too.</summary>
    private Embedding CreateSparseLookup()
    {
        using var state = torch.random.get_rng_state();
        var lookup = nn.Embedding(1, Dim, sparse: true);
        torch.random.set_rng_state(state);
        return lookup;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) sparseLookup?.Dispose();
        base.Dispose(disposing);
    }
}
