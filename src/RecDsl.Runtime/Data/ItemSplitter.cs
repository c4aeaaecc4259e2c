namespace RecDsl.Data;

/// <summary>The items of a sequence field, split at a separator without allocating: <c>"a|b|"</c> gives "a", "b", "".
/// An empty field has no items.</summary>
internal ref struct ItemSplitter
{
    private ReadOnlySpan<char> rest;
    private readonly char separator;
    private bool done;

    public ItemSplitter(ReadOnlySpan<char> field, char separator)
    {
        rest = field;
        this.separator = separator;
        done = field.IsEmpty;
        Current = default;
    }

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly ItemSplitter GetEnumerator() => this;

    public bool MoveNext()
    {
        if (done) return false;
        int end = rest.IndexOf(separator);
        if (end < 0)
        {
            Current = rest;
            done = true;
        }
        else
        {
            Current = rest[..end];
            rest = rest[(end + 1)..];
        }
        return true;
    }
}
