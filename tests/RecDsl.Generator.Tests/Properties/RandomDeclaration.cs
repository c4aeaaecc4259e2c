using System.Text;

namespace RecDsl.Generator.Tests.Properties;

/// <summary>A random record in the attribute language, as C# source, with a factory that makes its i-th row.
/// Mostly valid: every choice that a rule constrains is biased towards what the rule accepts, and about one
/// declaration in five gets one deliberate slip, so both sides of every rule are drawn. The source always
/// compiles as plain C#: only RecDsl's own rules can reject it.</summary>
internal sealed class RandomDeclaration
{
    private enum Shape { SealedRecord, RecordStruct, Class, Positional }

    private enum Kind { Sparse, Dense, Sequence, Label, Plain }

    /// <summary>One member: its declaration pieces and the C# expression of its value in row <c>i</c>.</summary>
    private sealed class Member(string name, Kind kind, string type)
    {
        public string Name { get; } = name;
        public Kind Kind { get; } = kind;
        public string Type { get; } = type;
        public List<string> Attributes { get; } = new();
        public string Value { get; set; } = "default";
        /// <summary>The value in an unseen row (<c>MakeUnseen(i, shift)</c>): ids outside the declared ones, different for
        /// each shift; null where no value can be unseen (hashed, bool, dense, labels).</summary>
        public string? Unseen { get; set; }
        /// <summary>OovPolicy.Throw: an unseen id throws instead of being counted.</summary>
        public bool Throws { get; set; }
        public bool IsField { get; set; }
        /// <summary>For sparse ids: the element type and the modulus that keeps values inside the declared ids.</summary>
        public string IdType { get; set; } = "";
        public int Modulus { get; set; }
        public int? EmbeddingDim { get; set; }
        /// <summary>The CSV column and item separator the reader expects.</summary>
        public string Column { get; set; } = name;
        public char Separator { get; set; } = '|';
        /// <summary>Declared <c>required</c> (C# 11): the generated reader must set it or not be generated.</summary>
        public bool IsRequired { get; set; }
        /// <summary>The accessors when not the shape's own (a slip's private getter).</summary>
        public string? Accessors { get; set; }
        /// <summary>False when the factory cannot read the member (a private getter): its CSV field is empty.</summary>
        public bool Readable => Accessors is null || !Accessors.Contains("private get", StringComparison.Ordinal);
        public bool Fm => Attributes.Contains("FmField");

        public static Member Of(string name, Kind kind, string type, string value, params string[] attributes)
        {
            var member = new Member(name, kind, type) { Value = value };
            member.Attributes.AddRange(attributes);
            return member;
        }
    }

    private static readonly string[] Models = { "WideDeep", "DeepFM", "Din" };

    private readonly Random random;
    private readonly int index;
    private readonly List<Member> members = new();
    private readonly List<string> models = new();
    private readonly Shape shape;
    /// <summary>The settings of the first model attribute when a slip writes them (else drawn by ModelSettings).</summary>
    private string? slipModelSettings;
    /// <summary>A slip's type parameter (a generic record); the factory closes it with int.</summary>
    private bool generic;

    /// <summary>The declaration's number in the run (its name is R + this).</summary>
    public int Index => index;

    /// <summary>The record's simple name (unique per index).</summary>
    public string Name { get; }

    /// <summary>The namespace of the record and of its generated types ("" for the global one).</summary>
    public string Namespace { get; }

    /// <summary>The containing static class, when nested; generated type names are prefixed with it.</summary>
    public string? Outer { get; }

    /// <summary>The model attributes on the record (WideDeep, DeepFM, Din, Esmm).</summary>
    public IReadOnlyList<string> ModelNames => models;

    /// <summary>What the slip, if any, was (for failure messages).</summary>
    public string Slip { get; private set; } = "none";

    public string Source { get; }

    private RandomDeclaration(Random random, int index)
    {
        this.random = random;
        this.index = index;
        Name = "R" + index;
        var container = random.Next(3);
        Namespace = container == 1 ? "" : "Random.N" + index;
        Outer = container == 2 ? "Outer" + index : null;
        shape = (Shape)random.Next(4);
        ChooseModels();
        ChooseMembers();
        if (random.NextDouble() < 0.2) ApplySlip();
        Source = Write();
    }

    public static RandomDeclaration Draw(Random random, int index) => new(random, index);

    /// <summary>The record's C# type name from the global namespace.</summary>
    public string TypeName => "global::" + (Namespace.Length > 0 ? Namespace + "." : "") + (Outer is null ? "" : Outer + ".") + Name + (generic ? "<int>" : "");

    /// <summary>The features whose ids can be unseen (their OOV count is every row for a sparse feature, some items
    /// for a sequence), except those that throw.</summary>
    public IReadOnlyList<(string Feature, bool EveryRow)> CountedOov =>
        members.Where(m => m.Unseen is not null && !m.Throws).Select(m => (m.Name, m.Kind == Kind.Sparse)).ToList();

    /// <summary>The features declared <c>Oov = OovPolicy.Throw</c> whose ids can be unseen.</summary>
    public IReadOnlyList<string> ThrowingOov => members.Where(m => m.Unseen is not null && m.Throws).Select(m => m.Name).ToList();

    /// <summary>Each member's name and the column the reader binds it to, in declaration order.</summary>
    public IReadOnlyList<(string Member, string Column)> Columns => members.Select(m => (m.Name, m.Column)).ToList();

    /// <summary>Prefix of the generated type names (containing types' names, then the record's).</summary>
    public string GeneratedPrefix => "global::" + (Namespace.Length > 0 ? Namespace + "." : "") + Outer + Name;

    /// <summary>The metadata name the generator's hint names start with.</summary>
    public string MetadataName => (Namespace.Length > 0 ? Namespace + "." : "") + (Outer is null ? "" : Outer + "+") + Name + (generic ? "`1" : "");

    /// <summary>The record's enum from the factory's namespace.</summary>
    private string EnumName => "global::" + (Namespace.Length > 0 ? Namespace + "." : "") + "E" + index;

    /// <summary>The factory class: <c>Make(i)</c> makes row i, <c>CsvHeader</c> and <c>CsvRow(i)</c> write it as CSV.</summary>
    public string Factory => "global::RandomFactories." + Name + "Factory";

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    private bool Chance(double p) => random.NextDouble() < p;

    private void ChooseModels()
    {
        if (Chance(0.15))
        {
            models.Add("Esmm");
            return;
        }
        foreach (var model in Models)
            if (Chance(0.45)) models.Add(model);
        if (models.Count == 0) models.Add(Pick(Models));
    }

    private void ChooseMembers()
    {
        var features = 2 + random.Next(5);
        for (int f = 0; f < features; f++)
        {
            var choice = random.Next(10);
            members.Add(choice < 5 ? Sparse("S" + f) : choice < 7 ? Dense("D" + f) : Sequence("Q" + f));
        }
        // What the model rules need, most of the time (the rest of the time the analyzer must say why not).
        if (models.Contains("DeepFM") || models.Contains("Din"))
            while (members.Count(m => m.Kind == Kind.Sparse && m.EmbeddingDim is null) < 2 && Chance(0.9))
                members.Add(Sparse("S" + members.Count));
        if (models.Contains("Din") && !members.Any(m => m.Attributes.Any(a => a.Contains("Target"))) && Chance(0.9))
        {
            var history = Sequence("Q" + members.Count, forceTarget: true);
            if (!history.Attributes.Contains("Deep")) history.Attributes.Add("Deep"); // DIN attends over [Deep] histories
            members.Add(history);
        }
        if (models.Contains("DeepFM") && Chance(0.9))
            foreach (var sparse in members.Where(m => m.Kind == Kind.Sparse && !m.Fm && m.EmbeddingDim is null).Take(2))
                sparse.Attributes.Add("FmField");
        if (models.Contains("WideDeep") && !members.Any(m => m.Attributes.Contains("Wide")) && Chance(0.9))
            members[0].Attributes.Add("Wide");
        if (!members.Any(m => m.Attributes.Contains("Deep")) && Chance(0.9))
            members[^1].Attributes.Add("Deep");
        if (Chance(0.15))
        {
            var group = members.FirstOrDefault(m => m.Kind == Kind.Sparse && m.IdType is "int" or "string");
            group?.Attributes.Add("Group");
            if (group is not null) group.Unseen = null; // its value is the group as well: unseen rows keep it
        }
        if (Chance(0.2))
            members.Add(Member.Of("Extra", Kind.Plain, "int", "i"));
        // Required members (C# 11): a required member without an attribute leaves the record without a CSV reader.
        if (shape != Shape.Positional)
            foreach (var member in members)
                member.IsRequired = Chance(0.15);
        if (models.Contains("Esmm"))
        {
            members.Add(Member.Of("Click", Kind.Label, "bool", "i % 2 == 0", "ClickLabel"));
            var conversion = Pick("bool", "float");
            members.Add(Member.Of("Buy", Kind.Label, conversion, conversion == "bool" ? "i % 4 == 0" : "(float)(i % 4 == 0 ? 1 : 0)", "ConversionLabel"));
        }
        else
        {
            var type = Pick("bool", "float", "double");
            members.Add(Member.Of("Y", Kind.Label, type, type == "bool" ? "i % 2 == 0" : $"({type})(i % 2)", "Label"));
        }
        Shuffle();
    }

    private Member Sparse(string name)
    {
        var idType = Pick("int", "long", "short", "byte", "int?", "long?", "string", "string?", "bool", "E", "E?");
        var member = new Member(name, Kind.Sparse, idType.Replace("E", "E" + index)) { IdType = idType.TrimEnd('?') };
        var settings = new List<string>();
        var nullable = idType.EndsWith('?');
        var underlying = idType.TrimEnd('?');
        int modulus;
        if (underlying is "bool" or "E")
        {
            modulus = underlying == "bool" ? 2 : 3;
            if (Chance(0.3)) settings.Add("Vocab = " + modulus);
        }
        else if (Chance(underlying == "string" ? 0.5 : 0.15))
        {
            modulus = 0; // hashed: any value is an id
            settings.Add("HashBuckets = " + Pick("16", "64", "1 << 10"));
        }
        else
        {
            modulus = int.Parse(Pick("3", "7", "50"));
            settings.Add("Vocab = " + modulus);
            // Throw only where every drawn value is an id: strings take 4 tokens ("s0".."s3"), null is OOV.
            member.Throws = !nullable && (underlying != "string" || modulus >= 4) && Chance(0.15);
            if (member.Throws) settings.Add("Oov = OovPolicy.Throw");
        }
        if (Chance(0.2))
        {
            member.EmbeddingDim = int.Parse(Pick("4", "8"));
            settings.Add("EmbeddingDim = " + member.EmbeddingDim);
        }
        if (Chance(0.15)) settings.Add("Table = \"" + Pick("ta", "tb") + "\"");
        member.Modulus = modulus;
        member.Attributes.Add(settings.Count == 0 ? "Sparse" : "Sparse(" + string.Join(", ", settings) + ")");
        AddRoles(member);
        var value = IdValue(underlying, "i", modulus);
        member.Value = nullable ? $"i % 5 == 0 ? ({(underlying == "E" ? EnumName : underlying)}?)null : {value}" : value;
        member.Unseen = UnseenId(underlying, "i", modulus);
        return member;
    }

    /// <summary>A value of an id type from the integer expression <paramref name="of"/>, inside the declared ids.</summary>
    private string IdValue(string underlying, string of, int modulus)
    {
        var bounded = modulus > 0 ? $"({of}) % {modulus}" : $"({of}) * 7919";
        return underlying switch
        {
            "int" => bounded,
            "long" => $"(long)({bounded})",
            "short" => $"(short)({bounded})",
            "byte" => $"(byte)({(modulus > 0 ? bounded : $"({of}) % 256")})",
            "string" => $"\"s\" + (({of}) % 4)",
            "bool" => $"({of}) % 2 == 0",
            "E" => $"({EnumName})(({of}) % 3)",
            _ => throw new InvalidOperationException(underlying),
        };
    }

    /// <summary>An id of an id type from <paramref name="of"/> that is outside the declared ones (past the range or
    /// the enum's values, or a string the vocabulary was not fitted on), different for each <c>shift</c>; null where
    /// every value is an id (hashed, bool).</summary>
    private string? UnseenId(string underlying, string of, int modulus)
    {
        if (modulus == 0 || underlying == "bool") return null;
        return underlying switch
        {
            "int" or "long" or "short" or "byte" => $"({underlying})({modulus} + shift * 5 + ({of}) % 5)",
            "string" => $"\"u\" + shift + \"_\" + ({of})",
            "E" => $"({EnumName})(3 + shift * 2 + ({of}) % 2)",
            _ => throw new InvalidOperationException(underlying),
        };
    }

    private Member Dense(string name)
    {
        var type = Pick("float", "double", "int", "long", "decimal", "float?", "double?");
        var member = new Member(name, Kind.Dense, type) { IsField = shape is Shape.SealedRecord or Shape.Class && Chance(0.2) };
        var withDefault = Chance(0.4);
        member.Attributes.Add(withDefault ? "Dense(Default = " + Pick("0", "1.5") + ")" : "Dense");
        AddRoles(member);
        var value = type.TrimEnd('?') switch
        {
            "float" => "i * 0.25f",
            "double" => "i * 0.5",
            "int" => "i",
            "long" => "(long)i",
            _ => "i * 0.5m",
        };
        member.Value = type.EndsWith('?') ? withDefault ? $"i % 4 == 0 ? ({type})null : {value}" : $"({type})({value})" : value;
        return member;
    }

    private Member Sequence(string name, bool forceTarget = false)
    {
        var targets = members.Where(m => m.Kind == Kind.Sparse).ToList();
        var targeted = targets.Count > 0 && (forceTarget || Chance(0.6));
        var target = targeted ? targets[random.Next(targets.Count)] : null;
        // A history holds ids of its target's type, most of the time.
        var element = target is not null && Chance(0.9) ? target.IdType : Pick("int", "long", "string", "E", "bool");
        var elementType = element == "E" ? "E" + index : element;
        var collection = random.Next(6);
        var type = collection switch
        {
            0 => elementType + "[]",
            1 => $"List<{elementType}>",
            2 => $"IList<{elementType}>",
            3 => $"IReadOnlyList<{elementType}>",
            4 => $"IEnumerable<{elementType}>",
            _ => $"ImmutableArray<{elementType}>",
        };
        var member = new Member(name, Kind.Sequence, type);
        var settings = new List<string>();
        int modulus;
        if (target is not null)
        {
            // A parameter's name is not in scope of a property: attribute, so positional records qualify it.
            var reference = shape == Shape.Positional || Chance(0.2) ? Name + "." + target.Name : target.Name;
            settings.Add(Chance(0.8) ? $"Target = nameof({reference})" : $"Target = \"{target.Name}\"");
            modulus = target.Modulus;
        }
        else if (element is "bool" or "E")
        {
            modulus = element == "bool" ? 2 : 3;
            if (Chance(0.5)) settings.Add("Vocab = " + modulus);
        }
        else if (Chance(0.3))
        {
            modulus = 0;
            settings.Add("HashBuckets = 32");
        }
        else
        {
            modulus = int.Parse(Pick("5", "20"));
            settings.Add("Vocab = " + modulus);
        }
        if (Chance(0.5)) settings.Add("MaxLen = " + Pick("2", "3", "50"));
        if (Chance(0.4)) settings.Add("Pooling = Pooling." + Pick("Sum", "Mean", "Max"));
        member.Attributes.Add(settings.Count == 0 ? "Sequence" : "Sequence(" + string.Join(", ", settings) + ")");
        if (Chance(0.1))
        {
            member.Attributes.Add("Column(\"col_" + name + "\", Separator = ';')");
            (member.Column, member.Separator) = ("col_" + name, ';');
        }
        AddRoles(member);
        // Histories of 0-3 items, so some rows have an empty one.
        string Of(string item)
        {
            var items = $"Enumerable.Range(0, i % 4).Select(k => {item})";
            return collection switch
            {
                1 or 2 => items + ".ToList()",
                5 => "ImmutableArray.CreateRange(" + items + ")",
                _ => items + ".ToArray()",
            };
        }
        member.Value = Of(IdValue(element, "k + i", modulus));
        member.Unseen = UnseenId(element, "k + i", modulus) is { } unseen ? Of(unseen) : null;
        return member;
    }

    private void AddRoles(Member member)
    {
        if (Chance(0.8)) member.Attributes.Add("Deep");
        if (Chance(0.35)) member.Attributes.Add("Wide");
        if (member.Kind == Kind.Sparse && member.EmbeddingDim is null && Chance(0.5)) member.Attributes.Add("FmField");
        if (member.Kind == Kind.Sparse && Chance(0.1))
        {
            member.Attributes.Add("Column(\"col_" + member.Name + "\")");
            member.Column = "col_" + member.Name;
        }
    }

    /// <summary>One mistake a user makes; the analyzer must reject the record and the generator must stay silent.</summary>
    private void ApplySlip()
    {
        var sparse = members.FirstOrDefault(m => m.Kind == Kind.Sparse);
        var label = members.First(m => m.Kind == Kind.Label);
        switch (random.Next(15))
        {
            case 0 when sparse is not null:
                Slip = "Vocab = 0 on " + sparse.Name;
                sparse.Attributes[0] = "Sparse(Vocab = 0)";
                break;
            case 1 when sparse is not null:
                Slip = "a second kind on " + sparse.Name;
                sparse.Attributes.Add("Dense");
                break;
            case 2:
                Slip = "a role on a plain member";
                members.Add(Member.Of("Plain", Kind.Plain, "int", "i", "Deep"));
                break;
            case 3:
                Slip = "no label";
                members.Remove(label);
                break;
            case 4:
                Slip = "a label that is also a feature";
                label.Attributes.Add("Sparse(Vocab = 2)");
                break;
            case 5:
                Slip = "a target that names no member";
                members.Add(Member.Of("Lost", Kind.Sequence, "int[]", "new int[0]", "Sequence(Target = \"Nope\")", "Deep"));
                break;
            case 6:
                Slip = "a sparse double";
                members.Add(Member.Of("Rating", Kind.Sparse, "double", "i * 0.5", "Sparse(Vocab = 10)", "Deep"));
                break;
            case 7:
                Slip = "a zero hidden size";
                slipModelSettings = models[0] == "Esmm" ? "(CtrHidden = new[] { 0 })" : "(Hidden = new[] { 0 })";
                break;
            case 8:
                Slip = "two groups";
                members.Add(Member.Of("G1", Kind.Plain, "int", "i", "Group"));
                members.Add(Member.Of("G2", Kind.Plain, "int", "i", "Group"));
                break;
            case 9 when models.Contains("DeepFM"):
                Slip = "an FM field of another dimension";
                members.Add(Member.Of("Odd", Kind.Sparse, "int", "i % 3", "Sparse(Vocab = 3, EmbeddingDim = 3)", "FmField", "Deep"));
                break;
            case 10 when shape != Shape.Positional:
                Slip = "a feature with a private getter";
                var secret = Member.Of("Secret", Kind.Sparse, "int", "i % 3", "Sparse(Vocab = 3)", "Deep");
                secret.Accessors = "{ private get; init; }";
                members.Add(secret);
                break;
            case 11:
                Slip = "a generic record";
                generic = true;
                foreach (var member in members) // a qualified nameof names the generic type with its parameter
                    for (int a = 0; a < member.Attributes.Count; a++)
                        member.Attributes[a] = member.Attributes[a].Replace($"nameof({Name}.", $"nameof({Name}<T>.", StringComparison.Ordinal);
                break;
            case 12:
                Slip = "a target that is not a sparse feature";
                members.Add(Member.Of("Misaimed", Kind.Sequence, "int[]", "new int[0]", $"Sequence(Target = \"{label.Name}\")", "Deep"));
                break;
            case 13:
                Slip = "no [Deep] feature";
                foreach (var member in members) member.Attributes.Remove("Deep");
                break;
            default:
                Slip = "MaxLen = 0";
                members.Add(Member.Of("Tags", Kind.Sequence, "int[]", "new int[0]", "Sequence(Vocab = 5, MaxLen = 0)", "Deep"));
                break;
        }
    }

    private void Shuffle()
    {
        for (int i = members.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (members[i], members[j]) = (members[j], members[i]);
        }
    }

    private string ModelAttributes() =>
        string.Join(", ", models.Select((model, i) => model + (i == 0 && slipModelSettings is not null ? slipModelSettings : ModelSettings(model))));

    private string ModelSettings(string model)
    {
        var settings = new List<string>();
        if (Chance(0.6)) settings.Add("EmbeddingDim = " + Pick("4", "8"));
        if (model == "Esmm")
        {
            settings.Add("CtrHidden = new[] { 16 }");
            settings.Add("CvrHidden = new[] { " + Pick("16", "8, 4") + " }");
        }
        else settings.Add("Hidden = new[] { " + Pick("16", "16, 8") + " }");
        if (Chance(0.3)) settings.Add("Dropout = 0.1");
        if (model == "Din")
        {
            settings.Add("AttentionHidden = new[] { 8 }");
            if (Chance(0.3)) settings.Add("AttentionSoftmax = true");
            if (Chance(0.5)) settings.Add("Activation = Activation." + Pick("Dice", "PRelu", "Relu"));
        }
        return "(" + string.Join(", ", settings) + ")";
    }

    private string Write()
    {
        var text = new StringBuilder();
        text.AppendLine("using System; using System.Collections.Generic; using System.Collections.Immutable; using System.Linq; using RecDsl;");
        if (Namespace.Length > 0) text.AppendLine($"namespace {Namespace} {{");
        text.AppendLine($"public enum E{index} {{ A, B, C }}");
        if (Outer is not null) text.AppendLine($"public static class {Outer} {{");
        var keyword = shape switch
        {
            Shape.SealedRecord => "public sealed record",
            Shape.RecordStruct => "public record struct",
            Shape.Class => "public sealed class",
            _ => "public sealed record",
        };
        text.AppendLine($"[{ModelAttributes()}]");
        if (shape == Shape.Positional)
        {
            var parameters = members.Select(m => m.Attributes.Count == 0
                ? $"{m.Type} {m.Name}"
                : $"[{(Chance(0.3) ? "property: " : "")}{string.Join(", ", m.Attributes)}] {m.Type} {m.Name}");
            text.AppendLine($"{keyword} {Name}{TypeParameters}({string.Join(", ", parameters)});");
        }
        else
        {
            text.AppendLine($"{keyword} {Name}{TypeParameters} {{");
            var accessors = shape == Shape.Class ? "{ get; set; }" : "{ get; init; }";
            foreach (var m in members)
            {
                var attributes = m.Attributes.Count > 0 ? "[" + string.Join(", ", m.Attributes) + "] " : "";
                // Non-nullable references need a value outside structs (CS8618 is an error here).
                var initializer = shape != Shape.RecordStruct && !m.Type.EndsWith('?') && !m.Type.StartsWith("ImmutableArray", StringComparison.Ordinal) &&
                    (m.Type == "string" || m.Kind == Kind.Sequence) ? " = " + EmptyValue(m.Type) + ";" : "";
                var required = m.IsRequired ? "required " : "";
                text.AppendLine(m.IsField
                    ? $"    {attributes}public {required}{m.Type} {m.Name};"
                    : $"    {attributes}public {required}{m.Type} {m.Name} {m.Accessors ?? accessors}{initializer}");
            }
            text.AppendLine("}");
        }
        if (Outer is not null) text.AppendLine("}");
        if (Namespace.Length > 0) text.AppendLine("}");
        text.AppendLine($"namespace RandomFactories {{ public static class {Name}Factory {{");
        text.AppendLine($"    public static {TypeName} Make(int i) => {MakeExpression(m => m.Value)};");
        // Row i with every id that can be unseen outside the declared ones; other members as in Make(i).
        text.AppendLine($"    public static {TypeName} MakeUnseen(int i, int shift) => {MakeExpression(m => m.Unseen ?? m.Value)};");
        // The row as CSV text, formatted from the record itself (column names as the reader binds them).
        text.AppendLine($"    public const string CsvHeader = \"{string.Join(",", members.Select(m => m.Column))}\";");
        text.AppendLine($"    public static string CsvRow(int i) {{ var r = Make(i); return string.Join(\",\", {string.Join(", ", members.Select(m => !m.Readable ? "\"\"" : m.Kind == Kind.Sequence ? $"Items(r.{m.Name}, '{m.Separator}')" : $"Field(r.{m.Name})"))}); }}");
        text.AppendLine("""
                static string Field(object? value) => value switch
                {
                    null => "",
                    bool b => b ? "true" : "false",
                    float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    IFormattable x => x.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
                static string Items<T>(IEnumerable<T> items, char separator) => string.Join(separator, items.Select(x => Field(x)));
            """);
        text.AppendLine("} }");
        return text.ToString();
    }

    private string TypeParameters => generic ? "<T>" : "";

    private static string EmptyValue(string type) => type == "string" ? "\"\"" : type.EndsWith("[]", StringComparison.Ordinal) ? $"new {type.Replace("[]", "[0]")}" : "new List<" + type[(type.IndexOf('<') + 1)..^1] + ">()";

    private string MakeExpression(Func<Member, string> value) => shape == Shape.Positional
        ? $"new {TypeName}({string.Join(", ", members.Select(value))})"
        : $"new {TypeName} {{ {string.Join(", ", members.Select(m => m.Name + " = " + value(m)))} }}";
}
