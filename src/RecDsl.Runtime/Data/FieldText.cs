using System.Globalization;
using System.Numerics;

namespace RecDsl.Data;

/// <summary>How one field's text becomes a value, shared by whole fields and sequence items so both report the
/// same reasons. Each parser returns null on success or the reason the text does not fit.</summary>
internal static class FieldText
{
    public static string? Integer<T>(ReadOnlySpan<char> text, out T value) where T : struct, IBinaryInteger<T>
    {
        if (T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return null;
        return CsvValueText.LooksLikeInteger(text)
            ? $"{CsvValueText.Quote(text)} is out of range for {CsvValueText.TypeName<T>()}"
            : $"{CsvValueText.Quote(text)} is not an integer";
    }

    public static string? Boolean(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = text.Trim();
        value = trimmed.SequenceEqual("1") || trimmed.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (value || trimmed.SequenceEqual("0") || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase)) return null;
        // Labels written by pandas from a float column ("1.0", "0.0").
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && (number == 0 || number == 1))
        {
            value = number == 1;
            return null;
        }
        return $"{CsvValueText.Quote(text)} is not 0, 1, true or false";
    }

    public static string? Enum<T>(ReadOnlySpan<char> text, out T value) where T : struct, System.Enum
    {
        if (System.Enum.TryParse(text.Trim(), ignoreCase: true, out value) && System.Enum.IsDefined(value)) return null;
        return $"{CsvValueText.Quote(text)} is not a {typeof(T).Name} ({string.Join(", ", System.Enum.GetNames<T>())})";
    }
}
