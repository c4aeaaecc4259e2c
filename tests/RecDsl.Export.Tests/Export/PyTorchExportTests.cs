using System.Globalization;
using System.Text.RegularExpressions;
using RecDsl.Batching;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RecDsl.Export.Tests.Export;

/// <summary>
/// Weights as safetensors under the documented names (header parsed independently), loading back, the generated
/// PyTorch module's syntax, and, where a Python with torch exists, the round trip RecDsl -> PyTorch -> RecDsl.
/// </summary>
public sealed class PyTorchExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"recdsl-pytorch-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Documented_names_shapes_and_dtypes_of_a_WideDeep_are_the_state_dict_names()
    {
        var schema = new SchemaBuilder()
            .Sparse("User", 7, 4, FeatureRoles.Wide | FeatureRoles.Deep)
            .Dense("Age", FeatureRoles.Wide | FeatureRoles.Deep)
            .Sequence("Tags", 6, 4, 3, FeatureRoles.Wide | FeatureRoles.Deep)
            .Build();
        using var net = new WideDeepNetwork(schema, new WideDeepOptions { Hidden = new[] { 3 }, BatchNorm = true, Activation = Activation.PRelu });
        var expected = new (string Name, string DType, long[] Shape)[]
        {
            // Tables User (7 + 2 rows) and Tags (6 + 2 rows) fused per dimension.
            ("embeddings.groups.0.table.embedding.weight", "F32", new long[] { 17, 4 }),
            ("wide.denseWeight", "F32", new long[] { 1 }),
            ("wide.bias", "F32", new long[] { 1 }),
            ("wide.weights.groups.0.table.embedding.weight", "F32", new long[] { 17, 1 }),
            ("deep.layers.0.weight", "F32", new long[] { 3, 9 }),
            ("deep.layers.0.bias", "F32", new long[] { 3 }),
            ("deep.layers.1.weight", "F32", new long[] { 3 }),
            ("deep.layers.1.bias", "F32", new long[] { 3 }),
            ("deep.layers.2.slope", "F32", new long[] { 3 }),
            ("deep.layers.3.weight", "F32", new long[] { 1, 3 }),
            ("deep.layers.3.bias", "F32", new long[] { 1 }),
            ("deep.layers.1.running_mean", "F32", new long[] { 3 }),
            ("deep.layers.1.running_var", "F32", new long[] { 3 }),
            ("deep.layers.1.num_batches_tracked", "I64", Array.Empty<long>()),
        };
        var documented = PyTorchExporter.Weights(net);
        Assert.Equal(expected.Select(e => e.Name).Order(), documented.Select(w => w.Name).Order());
        foreach (var (name, dtype, shape) in expected)
        {
            var w = documented.Single(d => d.Name == name);
            Assert.Equal(dtype, w.DType);
            Assert.Equal(shape, w.Shape);
        }
        Assert.Contains("User rows 0..8; Tags rows 9..16", documented.Single(d => d.Name == "embeddings.groups.0.table.embedding.weight").Meaning);

        PyTorchExporter.SaveWeights(net, Path.Combine(folder, "w.safetensors"));
        var file = new SafetensorsFile(Path.Combine(folder, "w.safetensors"));
        Assert.Equal(expected.Select(e => e.Name).Order(), file.Entries.Keys.Order());
        foreach (var (name, dtype, shape) in expected)
        {
            Assert.Equal(dtype, file.Entries[name].DType);
            Assert.Equal(shape, file.Entries[name].Shape);
        }
    }

    [Theory]
    [MemberData(nameof(RoundTripCases.All), MemberType = typeof(RoundTripCases))]
    public void Saved_weights_match_the_documented_list_and_hold_the_network_values(string name)
    {
        using var net = Trained(name, out _);
        var info = PyTorchExporter.Export(net, folder);
        var file = new SafetensorsFile(info.WeightsPath);
        Assert.Equal(info.Weights.Select(w => w.Name).Order(), file.Entries.Keys.Order());
        var state = net.state_dict();
        Assert.Equal(state.Keys.Order(), file.Entries.Keys.Order());
        foreach (var w in info.Weights)
        {
            var entry = file.Entries[w.Name];
            Assert.Equal(w.DType, entry.DType);
            Assert.Equal(w.Shape, entry.Shape);
            Assert.Equal(state[w.Name].shape, entry.Shape);
            if (entry.DType == "F32") Assert.Equal(TensorData.Floats(state[w.Name]), file.Floats(w.Name));
        }
        Assert.True(File.Exists(Path.Combine(folder, PyTorchExporter.WeightListFile)));
        Assert.True(File.Exists(info.ModulePath));

        // Again over the first: the three files are replaced together, no temporary is left beside them.
        PyTorchExporter.Export(net, folder);
        Assert.Equal(new[] { PyTorchExporter.WeightListFile, PyTorchExporter.WeightsFile, Path.GetFileName(info.ModulePath) }.Order(StringComparer.Ordinal),
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RoundTripCases.All), MemberType = typeof(RoundTripCases))]
    public void Weights_load_back_into_a_fresh_network_identically(string name)
    {
        using var trained = Trained(name, out var rows);
        var path = Path.Combine(folder, PyTorchExporter.WeightsFile);
        PyTorchExporter.SaveWeights(trained, path);
        using var fresh = RoundTripCases.Create(name);
        PyTorchExporter.LoadWeights(fresh, path);
        var a = trained.state_dict();
        var b = fresh.state_dict();
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys) Assert.True(a[key].equal(b[key]).all().item<bool>(), $"{key} differs after loading");
        using var batch = rows.Batch();
        using var expected = PyTorchExporter.EvalProbabilities(trained, batch);
        using var actual = PyTorchExporter.EvalProbabilities(fresh, batch);
        Assert.True(expected.equal(actual).all().item<bool>());
    }

    [Fact]
    public void Weights_are_saved_under_a_temporary_name_and_renamed_over_the_old_file_and_a_folder_is_refused()
    {
        using var first = RoundTripCases.Create(RoundTripCases.Names[0]);
        var path = Path.Combine(folder, PyTorchExporter.WeightsFile);
        PyTorchExporter.SaveWeights(first, path);
        var before = File.ReadAllBytes(path);
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
            foreach (var p in first.parameters()) p.add_(1);
        PyTorchExporter.SaveWeights(first, path);

        Assert.Equal(new[] { path }, Directory.GetFiles(folder));
        Assert.NotEqual(before, File.ReadAllBytes(path));
        var error = Assert.Throws<ArgumentException>(() => PyTorchExporter.SaveWeights(first, folder));
        Assert.StartsWith($"'{folder}' is a folder; name a file", error.Message);
        Assert.Equal(new[] { path }, Directory.GetFiles(folder));
    }

    [PythonFact]
    public void Generated_modules_and_the_check_script_are_valid_python()
    {
        foreach (var name in RoundTripCases.Names)
        {
            using var net = RoundTripCases.Create(name);
            using var batch = new TestRows(net.Schema, 4, 1).Batch();
            var info = PyTorchExporter.WriteRoundTrip(net, batch, Path.Combine(folder, name));
            foreach (var file in new[] { info.ModulePath, Path.Combine(folder, name, PyTorchExporter.CheckScriptFile) })
            {
                var (code, text) = Python.Run(Python.Interpreter!, $"-c \"import ast, sys; ast.parse(open(sys.argv[1]).read())\" \"{file}\"", 60);
                Assert.True(code == 0, $"{file} does not parse: {text}");
            }
        }
    }

    [TorchTheory]
    [MemberData(nameof(RoundTripCases.All), MemberType = typeof(RoundTripCases))]
    public void Round_trip_through_pytorch(string name)
    {
        using var net = Trained(name, out var rows);
        using var batch = rows.Batch();
        var dir = Path.Combine(folder, name);
        PyTorchExporter.WriteRoundTrip(net, batch, dir);
        var (code, text) = Python.Run(Python.WithTorch!, PyTorchExporter.CheckScriptFile, 300, dir);
        output.WriteLine(text.Trim());
        Assert.True(code == 0, $"check_roundtrip.py failed ({code}):\n{text}");
        var toPyTorch = double.Parse(Regex.Match(text, @"RecDsl -> PyTorch .*max relative error (\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(toPyTorch <= Parity.Tolerance, $"RecDsl -> PyTorch max relative error {toPyTorch:G3}");

        var back = VerifyPyTorchWeights(name, dir);
        output.WriteLine($"{name}: PyTorch -> RecDsl max relative error {back:G3}");
    }

    /// <summary>With RECDSL_ROUNDTRIP_DIR set: writes one round-trip folder per case there (to run
    /// check_roundtrip.py where PyTorch is installed), or, where a folder already holds PyTorch's results, checks
    /// that RecDsl loads PyTorch's weights and reproduces PyTorch's outputs. See docs/serving.md.</summary>
    [RoundTripDirFact]
    public void Round_trip_folders_for_a_machine_with_pytorch()
    {
        var root = Environment.GetEnvironmentVariable(RoundTripDirFactAttribute.Variable)!;
        foreach (var name in RoundTripCases.Names)
        {
            var dir = Path.Combine(root, name);
            if (File.Exists(Path.Combine(dir, "pytorch_weights.safetensors")))
            {
                var error = VerifyPyTorchWeights(name, dir);
                output.WriteLine($"{name}: PyTorch -> RecDsl max relative error {error:G3}");
                continue;
            }
            using var net = Trained(name, out var rows);
            using var batch = rows.Batch();
            PyTorchExporter.WriteRoundTrip(net, batch, dir);
            output.WriteLine($"{name}: wrote {dir}");
        }
        File.WriteAllText(Path.Combine(root, "run_all.sh"),
            "#!/bin/sh\n# Runs every round-trip check in this folder; exit status 1 if any fails.\ncd \"$(dirname \"$0\")\"\nstatus=0\n" +
            string.Join("", RoundTripCases.Names.Select(n => $"(cd {n} && python3 check_roundtrip.py \"$@\") || status=1\n")) + "exit $status\n");
    }

    // Loads pytorch_weights.safetensors into a fresh network of the case and compares its eval-mode probabilities
    // on the folder's inputs with PyTorch's (pytorch_expected.safetensors).
    private static double VerifyPyTorchWeights(string name, string dir)
    {
        using var net = RoundTripCases.Create(name);
        PyTorchExporter.LoadWeights(net, Path.Combine(dir, "pytorch_weights.safetensors"));
        var inputs = Safetensors.LoadStateDict(Path.Combine(dir, "inputs.safetensors"));
        using var batch = BatchOf(net.Schema, inputs);
        using var actual = PyTorchExporter.EvalProbabilities(net, batch);
        var expected = Safetensors.LoadStateDict(Path.Combine(dir, "pytorch_expected.safetensors"))["probabilities"];
        var original = Safetensors.LoadStateDict(Path.Combine(dir, "expected.safetensors"))["probabilities"];
        Assert.Equal(expected.shape, actual.shape);
        // PyTorch's training must have changed the outputs, or loading its weights would prove nothing.
        Assert.True(Parity.MaxRelativeError(TensorData.Floats(original), TensorData.Floats(expected)) > 1e-4, "PyTorch's training did not change the outputs");
        var error = Parity.MaxRelativeError(TensorData.Floats(expected), TensorData.Floats(actual));
        Assert.True(error <= Parity.Tolerance, $"{name}: PyTorch -> RecDsl max relative error {error:G3}");
        return error;
    }

    private static FeatureBatch BatchOf(FeatureSchema schema, Dictionary<string, Tensor> inputs)
    {
        var count = (int)inputs[schema.Features[0].Name].shape[0];
        Tensor Stack(IReadOnlyList<FeatureInfo> features, ScalarType type) => features.Count == 0
            ? torch.zeros(count, 0, dtype: type)
            : torch.stack(features.Select(f => inputs[f.Name]).ToArray(), 1);
        return new FeatureBatch(count, Stack(schema.Sparse, ScalarType.Int64), Stack(schema.Dense, ScalarType.Float32),
            schema.Sequences.Select(s => inputs[s.Name]).ToArray());
    }

    private static RecNetwork Trained(string name, out TestRows rows)
    {
        var net = RoundTripCases.Create(name);
        rows = new TestRows(net.Schema, 32, 40 + Array.IndexOf(RoundTripCases.Names, name));
        Parity.Train(net, rows, 6);
        return net;
    }
}

/// <summary>A fact that runs only when RECDSL_ROUNDTRIP_DIR names a folder for the PyTorch round trip.</summary>
public sealed class RoundTripDirFactAttribute : FactAttribute
{
    public const string Variable = "RECDSL_ROUNDTRIP_DIR";

    public RoundTripDirFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"set {Variable} to write (or verify) round-trip folders for a machine with PyTorch; see docs/serving.md.";
    }
}
