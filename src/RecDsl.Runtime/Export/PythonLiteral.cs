using System.Collections;
using System.Globalization;
using System.Text;

namespace RecDsl.Export;

/// <summary>Writes nested dictionaries, lists, strings, numbers, booleans and null as a Python literal.</summary>
internal static class PythonLiteral
{
    public static string Format(object? value, int indent = 0)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, object? value, int indent)
    {
        switch (value)
        {
            case null: b.Append("None"); break;
            case bool flag: b.Append(flag ? "True" : "False"); break;
            case string text: b.Append(Quote(text)); break;
            case int or long: b.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); break;
            case double number: b.Append(number.ToString("R", CultureInfo.InvariantCulture)); break;
            case IDictionary map:
            {
                if (map.Count == 0) { b.Append("{}"); break; }
                b.Append("{\n");
                foreach (DictionaryEntry entry in map)
                {
                    b.Append(' ', indent + 4).Append(Quote((string)entry.Key)).Append(": ");
                    Write(b, entry.Value, indent + 4);
                    b.Append(",\n");
                }
                b.Append(' ', indent).Append('}');
                break;
            }
            case IEnumerable items:
            {
                // Lists of scalars stay on one line; lists of containers get one item per line.
                var list = items.Cast<object?>().ToList();
                if (list.All(i => i is null or string or bool or int or long or double))
                {
                    b.Append('[').Append(string.Join(", ", list.Select(i => Format(i)))).Append(']');
                    break;
                }
                b.Append("[\n");
                foreach (var item in list)
                {
                    b.Append(' ', indent + 4);
                    Write(b, item, indent + 4);
                    b.Append(",\n");
                }
                b.Append(' ', indent).Append(']');
                break;
            }
            default:
                throw new ArgumentException($"{value.GetType().Name} has no Python literal.", nameof(value));
        }
    }

    private static string Quote(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': b.Append("\\\\"); break;
                case '"': b.Append("\\\""); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < ' ') b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
