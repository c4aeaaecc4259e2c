using System.Text.RegularExpressions;

namespace RecDsl.Analyzers.Tests.Robustness;

/// <summary>Edits valid declarations the way a person does mid-typing: half-written attributes, missing or
/// wrong arguments, wrong types, renamed targets, deleted members, unbalanced braces, truncated files.
/// Deterministic for a given Random.</summary>
internal static class MidTypingMutator
{
    private static readonly string[] HalfAttributes =
    {
        "[", "[Sparse(", "[Sparse(Vocab = ", "[Sparse(Vocab = 10", "[Sequence(Target = nameof(", "[Sequence(Target = \"",
        "[Dense, ", "[Wide, Deep", "[Label", "[FmField]", "[Sparse(HashBuckets = 1 <<", "[Sequence(Target = nameof(A), Vocab = 3)]",
        "[Sparse(Vocab = 3, HashBuckets = 4)]", "[Column(", "[Group, ", "[Deep][Deep]",
    };

    private static readonly string[] Types =
    {
        "string", "string?", "int?", "float[]", "List<", "Dictionary<int, int>", "E", "object", "bool[]", "long", "double",
        "IEnumerable<string>", "int[,]", "T", "dynamic", "System.Guid", "(int, int)",
    };

    private static readonly string[] Values =
    {
        "-1", "0", "\"x\"", "int.MaxValue", "1.5", "null", "", "nameof(", "new[] { 1, ", "true", "Pooling.", "(int)",
    };

    private static readonly Func<string, Random, string>[] Mutations =
    {
        DeleteRange, Truncate, DropBracket, InsertHalfAttribute, ReplaceNumber, RenameTarget, DeleteLine,
        ChangeType, DuplicateRange, InsertPunctuation, RemoveAttributeName, ChangeModelAttribute,
    };

    /// <summary>One to three stacked edits.</summary>
    public static string Mutate(string source, Random random)
    {
        int edits = 1 + random.Next(3);
        for (int i = 0; i < edits; i++) source = Mutations[random.Next(Mutations.Length)](source, random);
        return source;
    }

    private static string DeleteRange(string s, Random r)
    {
        int start = r.Next(s.Length);
        return s.Remove(start, Math.Min(1 + r.Next(12), s.Length - start));
    }

    private static string Truncate(string s, Random r) => s[..r.Next(s.Length)];

    private static string DropBracket(string s, Random r) => RemoveOneOf(s, r, c => c is '}' or ']' or ')' or '{' or '[' or '(' or '>');

    private static string InsertPunctuation(string s, Random r)
    {
        var punctuation = new[] { "{", "}", "(", ")", "[", "]", ",", ";", "=", "\"", "<", ">", "?", "." };
        return s.Insert(r.Next(s.Length), punctuation[r.Next(punctuation.Length)]);
    }

    private static string InsertHalfAttribute(string s, Random r)
    {
        var positions = Positions(s, "[");
        int at = positions.Count > 0 ? positions[r.Next(positions.Count)] : r.Next(s.Length);
        return s.Insert(at, HalfAttributes[r.Next(HalfAttributes.Length)]);
    }

    private static string ReplaceNumber(string s, Random r) =>
        ReplaceOneMatch(s, r, new Regex(@"\b\d[\d_]*\b"), Values[r.Next(Values.Length)]);

    private static string RenameTarget(string s, Random r)
    {
        var replacements = new[] { "nameof(Missing)", "\"ItemId\"", "nameof(Clicked)", "\"\"", "null", "nameof(Price)", "nameof(R)" };
        return ReplaceOneMatch(s, r, new Regex(@"nameof\(\w+\)|""\w*"""), replacements[r.Next(replacements.Length)]);
    }

    private static string DeleteLine(string s, Random r)
    {
        var lines = s.Split('\n').ToList();
        if (lines.Count > 1) lines.RemoveAt(r.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private static string ChangeType(string s, Random r) =>
        ReplaceOneMatch(s, r, new Regex(@"\b(int|long|float|double|bool|string\??|int\[\]|long\[\]|IReadOnlyList<int>)(?= \w)"), Types[r.Next(Types.Length)]);

    private static string DuplicateRange(string s, Random r)
    {
        int start = r.Next(s.Length);
        int length = Math.Min(1 + r.Next(40), s.Length - start);
        return s.Insert(start, s.Substring(start, length));
    }

    private static string RemoveAttributeName(string s, Random r) =>
        ReplaceOneMatch(s, r, new Regex(@"\b(Sparse|Dense|Sequence|Wide|Deep|FmField|Label|ClickLabel|ConversionLabel|WideDeep|DeepFM|Din|Esmm)\b"),
            new[] { "", "Sparce", "Label", "Deep", "Sequence", "WideDeep", "System.Obsolete" }[r.Next(7)]);

    private static string ChangeModelAttribute(string s, Random r) =>
        ReplaceOneMatch(s, r, new Regex(@"\[(WideDeep|DeepFM|Din|Esmm)[^\]]*\]"),
            new[] { "[WideDeep(Hidden = null)]", "[DeepFM(EmbeddingDim = -3)]", "[Din, Esmm]", "[Esmm(CtrHidden = new int[0])]", "[DeepFM(", "[]", "[Din(Activation = (Activation)42)]" }[r.Next(7)]);

    private static string RemoveOneOf(string s, Random r, Func<char, bool> predicate)
    {
        var indexes = Enumerable.Range(0, s.Length).Where(i => predicate(s[i])).ToList();
        return indexes.Count == 0 ? s : s.Remove(indexes[r.Next(indexes.Count)], 1);
    }

    private static string ReplaceOneMatch(string s, Random r, Regex pattern, string replacement)
    {
        var matches = pattern.Matches(s);
        if (matches.Count == 0) return s;
        var match = matches[r.Next(matches.Count)];
        return s[..match.Index] + replacement + s[(match.Index + match.Length)..];
    }

    private static List<int> Positions(string s, string token)
    {
        var positions = new List<int>();
        for (int i = s.IndexOf(token, StringComparison.Ordinal); i >= 0; i = s.IndexOf(token, i + 1, StringComparison.Ordinal)) positions.Add(i);
        return positions;
    }
}
