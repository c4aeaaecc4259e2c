using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RecDsl.Collation;

/// <summary>A record value the collator cannot turn into a tensor: NaN/Inf or missing dense value without a
/// declared default, an OOV id under <see cref="OovPolicy.Throw"/>, an invalid label, or a record whose own code threw
/// while it was read (the original is the inner exception). The message names the member, the value and the row (index
/// within the records passed to <c>Collate</c>).</summary>
public sealed class CollationException : Exception
{
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

    /// <summary>The record member (feature or label) whose value was rejected; empty when a record's own code threw
    /// in a getter the stack no longer shows (inlined).</summary>
    public string Member { get; }

    /// <summary>Index of the offending record in the batch passed to the collator.</summary>
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
            $"Dense feature '{member}' has the value {text} at row {row}. Clean the data, or declare a replacement with [Dense(Default = ...)].");
    }

    /// <summary>A nullable dense value is null and the member declares no <c>Default</c>.</summary>
    [DoesNotReturn]
    public static void MissingDense(string member, int row) =>
        throw new CollationException(member, row, null,
            $"Dense feature '{member}' is missing (null) at row {row}. Fill it, or declare a replacement with [Dense(Default = ...)].");

    /// <summary>An id has no row (out of range, unseen or null) and the feature says <c>Oov = OovPolicy.Throw</c>.</summary>
    [DoesNotReturn]
    public static void Oov(string feature, int row, string? value, string reason) =>
        throw new CollationException(feature, row, value,
            $"Feature '{feature}' has the value {(value is null ? "null" : "'" + value + "'")} at row {row}, which is {reason}. The feature declares Oov = OovPolicy.Throw; use OovPolicy.Bucket to map such values to the OOV row.");

    /// <summary>A label is NaN, missing or outside [0, 1].</summary>
    [DoesNotReturn]
    public static void InvalidLabel(string member, int row, double value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        throw new CollationException(member, row, text, $"Label '{member}' has the value {text} at row {row}; labels must be in [0, 1].");
    }

    /// <summary>A nullable label is null.</summary>
    [DoesNotReturn]
    public static void MissingLabel(string member, int row) =>
        throw new CollationException(member, row, null, $"Label '{member}' is missing (null) at row {row}.");
}
