using System;
using System.Globalization;
using System.Text;

namespace RecDsl.Generator.Helpers
{
    /// <summary>Builds source text with indentation and explicit '\n' line ends, so the output is the same on every OS.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder builder = new();
        private int indent;

        /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0) builder.Append(' ', indent * 4).Append(text);
            builder.Append('\n');
            return this;
        }

        /// <summary>Writes "{" and indents.</summary>
        public SourceWriter Open(string? header = null)
        {
            if (header is not null) Line(header);
            Line("{");
            indent++;
            return this;
        }

        /// <summary>Dedents and writes "}" plus <paramref name="suffix"/>.</summary>
        public SourceWriter Close(string suffix = "")
        {
            indent--;
            return Line("}" + suffix);
        }

        /// <summary>Writes every line of <paramref name="block"/> (split on '\n') at the current indentation.</summary>
        public SourceWriter Lines(string block)
        {
            foreach (var line in block.Replace("\r\n", "\n").Split('\n')) Line(line);
            return this;
        }

        public override string ToString() => builder.ToString();
    }

    /// <summary>C# literals, invariant culture.</summary>
    internal static class Literal
    {
        public static string String(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                    }
            }
            return builder.Append('"').ToString();
        }

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

        /// <summary>A double literal that round-trips (with a D suffix so "1" stays a double).</summary>
        public static string Double(double value)
        {
            if (double.IsNaN(value)) return "double.NaN";
            if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
            return value.ToString("R", CultureInfo.InvariantCulture) + "D";
        }

        /// <summary>The float nearest to <paramref name="value"/>, as a literal.</summary>
        public static string Float(double value)
        {
            var f = (float)value;
            if (float.IsNaN(f)) return "float.NaN";
            if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
            if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
            return f.ToString("R", CultureInfo.InvariantCulture) + "F";
        }

        public static string Bool(bool value) => value ? "true" : "false";

        /// <summary>An integer literal of a whole <paramref name="value"/> within the range of long or ulong; without a
        /// suffix, so it converts to any integer type it fits (the caller checked the range).</summary>
        public static string Integral(double value) =>
            value < 0 ? ((long)value).ToString(CultureInfo.InvariantCulture) : ((ulong)value).ToString(CultureInfo.InvariantCulture);

        /// <summary>A char literal ('|', '\t', '\'').</summary>
        public static string Char(char value)
        {
            switch (value)
            {
                case '\'': return "'\\''";
                case '\\': return "'\\\\'";
                case '\n': return "'\\n'";
                case '\r': return "'\\r'";
                case '\t': return "'\\t'";
                case '\0': return "'\\0'";
                default:
                    return char.IsControl(value) || char.IsSurrogate(value)
                        ? "'\\u" + ((int)value).ToString("x4", CultureInfo.InvariantCulture) + "'"
                        : "'" + value + "'";
            }
        }

        public static string IntArray(EquatableArray<int> values)
        {
            var builder = new StringBuilder("new int[] { ");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) builder.Append(", ");
                builder.Append(values[i].ToString(CultureInfo.InvariantCulture));
            }
            return builder.Append(values.Count > 0 ? " }" : "}").ToString();
        }
    }
}
