using System.Collections.Generic;
using System.Text;

namespace RecDsl.Generator.Helpers
{
    /// <summary>Turns free text (table names) into C# identifiers.</summary>
    internal static class Identifiers
    {
        /// <summary>Letters, digits and underscores kept; anything else becomes '_'; a leading digit gets '_' in front.</summary>
        public static string Sanitize(string text)
        {
            var builder = new StringBuilder(text.Length + 1);
            foreach (var c in text) builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
            return builder.ToString();
        }

        private static readonly HashSet<string> Keywords = new()
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
            "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
            "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
            "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
            "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
            "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
            "using", "virtual", "void", "volatile", "while",
        };

        /// <summary>The identifier as it must be written in code: "@class" for a member named "class".</summary>
        public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

        /// <summary>PascalCase: the first letter upper-cased (table "team" -> property "Team").</summary>
        public static string Pascal(string identifier) =>
            identifier.Length == 0 ? "_" : char.ToUpperInvariant(identifier[0]) + identifier.Substring(1);

        /// <summary>camelCase field name for a PascalCase identifier.</summary>
        public static string Field(string identifier) =>
            identifier.Length == 0 ? "_" : char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
    }
}
