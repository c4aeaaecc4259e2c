namespace RecDsl.Data;

/// <summary>How values and types appear in error messages.</summary>
internal static class CsvValueText
{
    private const int MaxShown = 60;

    /// <summary>The value in quotes, shortened when long so that one bad field cannot flood a log.</summary>
    public static string Quote(ReadOnlySpan<char> value) =>
        value.Length <= MaxShown ? $"'{value}'" : $"'{value[..(MaxShown - 3)]}...'";

    /// <summary>The C# keyword of a primitive type (what the user wrote on the member), else the type name.</summary>
    public static string TypeName<T>()
    {
        var type = typeof(T);
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(short)) return "short";
        if (type == typeof(sbyte)) return "sbyte";
        if (type == typeof(byte)) return "byte";
        if (type == typeof(ushort)) return "ushort";
        if (type == typeof(uint)) return "uint";
        if (type == typeof(ulong)) return "ulong";
        if (type == typeof(float)) return "float";
        if (type == typeof(double)) return "double";
        if (type == typeof(string)) return "string";
        return type.Name;
    }

    /// <summary>Whether the text has the shape of an integer (sign and digits), so that a failed parse means the
    /// value is out of range rather than not a number at all.</summary>
    public static bool LooksLikeInteger(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (!text.IsEmpty && (text[0] == '-' || text[0] == '+')) text = text[1..];
        if (text.IsEmpty) return false;
        foreach (char c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
