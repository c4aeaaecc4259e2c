using RecDsl.Backend;
using static TorchSharp.torch;

namespace RecDsl.Batching;

/// <summary>Masks and lengths of sequence rows (padded with row 0 at the end), for the batches and the generated
/// batches' <c>{Member}Length</c> properties. A class of its own, not members of <see cref="FeatureBatch"/>: a
/// generated batch's typed properties must not hide its base's members.</summary>
public static class Sequences
{
    /// <summary>True at real items of <paramref name="rows"/> [B, L].</summary>
    public static Tensor Mask(Tensor rows) => rows.ne(Scalars.ZeroRow);

    /// <summary>Real items per row of <paramref name="rows"/> [B, L], Int64 [B].</summary>
    public static Tensor Length(Tensor rows)
    {
        using var scope = NewDisposeScope();
        return Mask(rows).sum(1).MoveToOuterDisposeScope();
    }
}
