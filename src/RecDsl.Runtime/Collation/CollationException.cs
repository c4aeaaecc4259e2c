using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RecDsl.Collation;

/// <summary>A record value the collator cannot turn into a tensor: NaN/Inf or missing dense value without a
/// declared default, an OOV id under <see cref="OovPolicy.Throw"/>, an invalid label, or a record whose own code threw
/// while it was read (the original is the inner exception). The message names the member, the value and the row (index
/// within the records passed to <c>Collate</c> or <c>Predict</c>).</summary>
public sealed class CollationException : Exception
{
    // The message for a given row, so that the row of a batch cut from a longer list (Predict's batches, a stream's
    // chunks) can be told as the caller's index. Null for exceptions made with a finished message.
    private readonly Func<int, string>? describe;

    /// <summary>Creates the exception.</summary>
    public CollationException(string member, int row, string? value, string message) : base(message)
    {
        Member = member;
        Row = row;
        Value = value;
    }

    /// <summary>Creates the exception for a record whose own code threw while it was read.</summary>
    public CollationException(string member, int row, string? value, string message, Exception inner) : base(message, inner)
    {
        Member = member;
        Row = row;
        Value = value;
    }

    internal CollationException(string member, int row, string? value, Func<int, string> describe, Exception? inner = null)
        : base(describe(row), inner)
    {
        Member = member;
        Row = row;
        Value = value;
        this.describe = describe;
    }

    /// <summary>This error for records that were rows <paramref name="firstRow"/>.. of the caller's list: the row
    /// (and the message, when it was made by RecDsl) counted from the start of that list.</summary>
    internal CollationException CountedFrom(int firstRow) =>
        firstRow == 0 ? this : new CollationException(Member, Row + firstRow, Value, describe ?? (_ => Message), InnerException);

    /// <summary>The record member (feature or label) whose value was rejected; empty when a record's own code threw
    /// in a getter the stack no longer shows (inlined).</summary>
    public string Member { get; }

    /// <summary>Index of the offending record in the records passed to <c>Collate</c> (its position, for a sequence) or
    /// to <c>Predict</c>, which collates them in batches.</summary>
    public int Row { get; }

    /// <summary>The rejected value as text (null when missing).</summary>
    public string? Value { get; }
}

/// <summary>Throw helpers the generated collators call; kept out of line so hot loops stay small.</summary>
public static class CollationErrors
{
    /// <summary>A dense value is NaN or infinite and the member declares no <c>Default</c>.</summary>
    [DoesNotReturn]
    public static void NonFiniteDense(string member, int row, double value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        throw new CollationException(member, row, text,
            at => $"Dense feature '{member}' has the value {text} at row {at}. Clean the data, or declare a replacement with [Dense(Default = ...)].");
    }

    /// <summary>A nullable dense value is null and the member declares no <c>Default</c>.</summary>
    [DoesNotReturn]
    public static void MissingDense(string member, int row) =>
        throw new CollationException(member, row, null,
            at => $"Dense feature '{member}' is missing (null) at row {at}. Fill it, or declare a replacement with [Dense(Default = ...)].");

    /// <summary>An id has no row (out of range, unseen or null) and the feature says <c>Oov = OovPolicy.Throw</c>.</summary>
    [DoesNotReturn]
    public static void Oov(string feature, int row, string? value, string reason) =>
        throw new CollationException(feature, row, value,
            at => $"Feature '{feature}' has the value {(value is null ? "null" : "'" + value + "'")} at row {at}, which is {reason}. The feature declares Oov = OovPolicy.Throw; use OovPolicy.Bucket to map such values to the OOV row.");

    /// <summary>A label is NaN, missing or outside [0, 1].</summary>
    [DoesNotReturn]
    public static void InvalidLabel(string member, int row, double value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        throw new CollationException(member, row, text, at => $"Label '{member}' has the value {text} at row {at}; labels must be in [0, 1].");
    }

    /// <summary>A nullable label is null.</summary>
    [DoesNotReturn]
    public static void MissingLabel(string member, int row) =>
        throw new CollationException(member, row, null, at => $"Label '{member}' is missing (null) at row {at}.");
}
