using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// Picks a fixed list of columns along one dimension with the cheapest op that does it: the input itself when
/// the list is every column in order, a view (narrow) when the columns are contiguous, else one index_select.
/// </summary>
internal sealed class ColumnSelection : IDisposable
{
    private readonly long start;
    private readonly DeviceIndex? index;

    /// <param name="columns">Columns to keep, in output order.</param>
    /// <param name="total">Number of columns of the input.</param>
    public ColumnSelection(IReadOnlyList<long> columns, long total)
    {
        Columns = columns.ToArray();
        Total = total;
        var contiguous = Columns.Count > 0 && Columns.Select((c, i) => c == Columns[0] + i).All(x => x);
        IsIdentity = contiguous && Columns[0] == 0 && Columns.Count == total;
        start = contiguous ? Columns[0] : 0;
        index = contiguous || Columns.Count == 0 ? null : new DeviceIndex(Columns);
    }

    /// <summary>The selected columns.</summary>
    public IReadOnlyList<long> Columns { get; }

    /// <summary>Number of columns of the input.</summary>
    public long Total { get; }

    /// <summary>Number of selected columns.</summary>
    public int Count => Columns.Count;

    /// <summary>True when the selection is the whole input.</summary>
    public bool IsIdentity { get; }

    /// <summary>The selected columns of <paramref name="source"/> along <paramref name="dim"/>.</summary>
    public Tensor Apply(Tensor source, long dim)
    {
        if (IsIdentity) return source;
        if (index is null) return source.narrow(dim, start, Count);
        return source.index_select(dim, index.On(source));
    }

    public void Dispose() => index?.Dispose();
}
