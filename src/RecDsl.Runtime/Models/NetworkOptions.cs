using RecDsl.Layers;

namespace RecDsl.Models;

/// <summary>Settings every network shares. Embedding dimensions are not here: they are resolved per feature in
/// the <see cref="Schema.FeatureSchema"/>.</summary>
public abstract record NetworkOptions
{
    /// <summary>Dropout probability after each hidden layer of the MLPs (attribute <c>Dropout</c>).</summary>
    public double Dropout { get; init; }

    /// <summary>BatchNorm1d between each hidden Linear and its activation. Off by default, as in DeepCTR-Torch and
    /// FuxiCTR (torch-rechub always uses it); the attributes do not expose it.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Sparse gradients for the embedding tables (only rows in the batch get a gradient), for your own training
    /// loop: it needs an optimizer that accepts sparse gradients (SGD); TorchSharp's Adam/AdamW/Adagrad do not.
    /// <see cref="Training.Trainer"/> ignores it: for each run it switches every table to sparse gradients when its
    /// optimizer is <see cref="Training.OptimizerKind.LazyAdam"/> and to dense ones otherwise, then restores this mode
    /// (<see cref="EmbeddingTable.SparseGradients"/>); the per-device default is <see cref="Training.DeviceDefaults"/>.</summary>
    public bool SparseGradients { get; init; }

    /// <summary>Standard deviation of the initial embedding weights.</summary>
    public double EmbeddingInitStd { get; init; } = EmbeddingTable.DefaultInitStd;
}
