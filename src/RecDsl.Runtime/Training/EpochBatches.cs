namespace RecDsl.Training;

/// <summary>
/// Where each training step of an epoch starts and how many rows it takes: <see cref="TrainerOptions.BatchSize"/>
/// rows per step, the last step takes what is left.
/// </summary>
/// <remarks>With BatchNorm a step of one row is not trainable: its batch variance is 0 and the unbiased running
/// variance, 0 / (1 - 1), becomes NaN, after which every prediction in eval mode is NaN while the training loss looks
/// fine. So for such networks a single leftover row joins the step before it (that step has BatchSize + 1 rows):
/// no row is dropped, as PyTorch's <c>drop_last</c> would.</remarks>
internal readonly record struct EpochBatches(int Rows, int BatchSize, bool MergeSingleLeftover)
{
    private bool Merges => MergeSingleLeftover && Rows > BatchSize && Rows % BatchSize == 1;

    /// <summary>Steps per epoch.</summary>
    public int Count => (Rows + BatchSize - 1) / BatchSize - (Merges ? 1 : 0);

    /// <summary>The rows of step <paramref name="batch"/> (0-based) in the epoch's order.</summary>
    public (int Start, int Length) this[int batch]
    {
        get
        {
            int start = batch * BatchSize;
            int length = batch == Count - 1 ? Rows - start : BatchSize;
            return (start, length);
        }
    }
}
