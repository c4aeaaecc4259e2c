using System.Text;
using System.Text.Json;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// The PyTorch module's SPEC is a Python literal written by <see cref="PythonLiteral"/>; user-chosen strings reach it
/// (a shared table's <c>Table = "..."</c> name, the record name). Python itself reads what was written back, so an
/// escape that Python reads differently fails here.
/// </summary>
public sealed class PythonLiteralTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recdsl-python-literal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [PythonFact]
    public void Strings_with_quotes_backslashes_and_control_characters_read_back_as_written()
    {
        var strings = new[] { "plain", "quote \" mark", "apostrophe ' mark", @"back\slash \n not a newline", "new\nline", "tab\tand\rreturn",
            "bell\u0007 and escape\u001b", "accents é and ✓, beyond the BMP: 😀", "" };
        var value = new Dictionary<string, object?>
        {
            ["strings"] = strings.ToList(),
            ["nested"] = new Dictionary<string, object?> { ["key \"quoted\"\n"] = new List<object?> { 1, -2L, 0.5, 1e-5, true, false, null } },
        };
        var file = Path.Combine(folder, "literal.py");
        File.WriteAllText(file, PythonLiteral.Format(value), new UTF8Encoding(false));

        // Python evaluates the literal (no code runs: ast.literal_eval) and answers in JSON, which .NET reads independently.
        var (code, text) = Python.Run(Python.Interpreter!,
            $"-c \"import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1], encoding='utf-8').read())))\" \"{file}\"", 60);

        Assert.True(code == 0, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(strings, json.RootElement.GetProperty("strings").EnumerateArray().Select(e => e.GetString()));
        var nested = json.RootElement.GetProperty("nested").GetProperty("key \"quoted\"\n");
        Assert.Equal("[1, -2, 0.5, 1e-05, true, false, null]", nested.GetRawText());
    }
}
