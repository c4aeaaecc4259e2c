using System.Globalization;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>
/// A small helper over the ONNX protobuf types: graph inputs and outputs, initializers, constants and nodes,
/// each node output named uniquely. The exporters describe the computation with it; it knows nothing of models.
/// </summary>
internal sealed class OnnxGraphBuilder : IDisposable
{
    /// <summary>Name of the dynamic first dimension of every input and output.</summary>
    public const string BatchDim = "batch";

    private readonly GraphProto graph = new();
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> constants = new(StringComparer.Ordinal);
    private int counter;
    private readonly Dictionary<string, Tensor> pending = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name, EmbeddingStorage embeddings = EmbeddingStorage.Float32)
    {
        graph.Name = name;
        Embeddings = embeddings;
    }

    /// <summary>How <see cref="EmbeddingGraph"/> stores the embedding tables of this graph.</summary>
    public EmbeddingStorage Embeddings { get; }

    /// <summary>Adds a graph input of shape [batch, ..fixedDims].</summary>
    public string Input(string name, TensorProto.Types.DataType type, params long[] fixedDims)
    {
        Reserve(name);
        graph.Input.Add(ValueInfo(name, type, fixedDims));
        return name;
    }

    /// <summary>Marks <paramref name="value"/> as graph output <paramref name="name"/> of shape [batch, ..fixedDims]
    /// (an Identity node gives it its public name).</summary>
    public void Output(string name, string value, TensorProto.Types.DataType type, params long[] fixedDims)
    {
        Reserve(name);
        graph.Node.Add(NewNode("Identity", new[] { value }, name, Array.Empty<AttributeProto>()));
        graph.Output.Add(ValueInfo(name, type, fixedDims));
    }

    /// <summary>Adds a Float32 initializer (a weight) under a readable, unique name.</summary>
    public string Weight(string name, float[] values, params long[] dims)
    {
        if (values.Length != dims.Aggregate(1L, (a, b) => a * b))
            throw new ArgumentException($"Initializer '{name}' has {values.Length} values for shape [{string.Join(", ", dims)}].", nameof(values));
        long length = (long)values.Length * sizeof(float);
        if (length > int.MaxValue) throw TooLarge(name, length);
        // Raw data is little-endian, which is what every .NET platform RecDsl runs on uses.
        var bytes = new byte[length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Initializer(name, bytes, dims);
    }

    /// <summary>Adds <paramref name="values"/> (a parameter or buffer, on any device, of any float dtype) as a Float32
    /// initializer of its shape. Its bytes are not copied yet: <see cref="WriteInline"/> copies them once into the
    /// model, <see cref="WriteExternal"/> streams them to the data file; until then the builder holds the tensor (a
    /// view of the weight, so the caller keeps the network's lock until the weights are written).</summary>
    public string Weight(string name, Tensor values) => Weight(name, values, ScalarType.Float32);

    /// <summary><see cref="Weight(string, Tensor)"/> stored as <paramref name="stored"/> (Float32, Float16 or Int8;
    /// values converted as torch's <c>to</c> does: Float16 rounds to nearest even, Int8 truncates, so quantize first).</summary>
    public string Weight(string name, Tensor values, ScalarType stored)
    {
        var type = stored switch
        {
            ScalarType.Float32 => TensorProto.Types.DataType.Float,
            ScalarType.Float16 => TensorProto.Types.DataType.Float16,
            ScalarType.Int8 => TensorProto.Types.DataType.Int8,
            _ => throw new ArgumentOutOfRangeException(nameof(stored), stored, "Initializers are stored as Float32, Float16 or Int8."),
        };
        using (NewDisposeScope())
        {
            var kept = values.detach().to_type(stored).contiguous().DetachFromDisposeScope();
            name = Unique(name);
            var tensor = new TensorProto { Name = name, DataType = (int)type };
            tensor.Dims.AddRange(kept.shape);
            graph.Initializer.Add(tensor);
            pending.Add(name, kept);
            return name;
        }
    }

    /// <summary>Bytes of all the weights, written or not.</summary>
    public long WeightBytes => graph.Initializer.Sum(t => (long)t.RawData.Length) + pending.Values.Sum(t => t.numel() * t.ElementSize);

    /// <summary>Copies the bytes of the weights not written yet into their initializers (one host copy each).</summary>
    /// <exception cref="NotSupportedException">A weight is larger than one protobuf field holds (2 GB).</exception>
    public void WriteInline()
    {
        foreach (var tensor in graph.Initializer)
        {
            if (!pending.Remove(tensor.Name, out var values)) continue;
            using (values) tensor.RawData = HostBytes(tensor.Name, values);
        }
    }

    private static ByteString HostBytes(string name, Tensor values)
    {
        long length = values.numel() * values.ElementSize;
        if (length > int.MaxValue) throw TooLarge(name, length);
        if (length == 0) return ByteString.Empty;
        using var host = values.cpu();
        return UnsafeByteOperations.UnsafeWrap(host.bytes.ToArray());
    }

    /// <summary>Writes every initializer of 1 KB or more to <paramref name="data"/> as ONNX external data
    /// (onnx.external_data_helper's layout: "location" relative to the model's folder, "offset" aligned to 4 KB,
    /// "length"); the weights not written yet go straight from their tensors, 64 MB at a time, so no copy of them is
    /// held in memory and none is limited to 2 GB.</summary>
    public void WriteExternal(Stream data, string location)
    {
        const int SmallTensorBytes = 1024, Alignment = 4096;
        foreach (var tensor in graph.Initializer)
        {
            pending.Remove(tensor.Name, out var values);
            using (values)
            {
                long length = values is null ? tensor.RawData.Length : values.numel() * values.ElementSize;
                if (length < SmallTensorBytes)
                {
                    if (values is not null) tensor.RawData = HostBytes(tensor.Name, values); // small ones stay in the model
                    continue;
                }
                long offset = (data.Position + Alignment - 1) / Alignment * Alignment;
                data.SetLength(offset);
                data.Position = offset;
                if (values is null)
                {
                    data.Write(tensor.RawData.Span);
                }
                else
                {
                    Training.TensorFormat.WriteValues(data, values);
                }
                tensor.DataLocation = TensorProto.Types.DataLocation.External;
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(CultureInfo.InvariantCulture) });
                tensor.RawData = ByteString.Empty;
            }
        }
    }

    /// <summary>Frees the weights not written (an export that failed on the way).</summary>
    public void Dispose()
    {
        foreach (var values in pending.Values) values.Dispose();
        pending.Clear();
    }

    private string Initializer(string name, byte[] rawFloat32, long[] dims)
    {
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(rawFloat32); // the array is ours alone: no second copy
        graph.Initializer.Add(tensor);
        return name;
    }

    private static NotSupportedException TooLarge(string name, long bytes) => new(
        $"Weight '{name}' holds {bytes / 1e9:F2} GB, more than one protobuf field (2 GB): the model cannot be one array of bytes. " +
        "Export it to a file with OnnxExporter.Export, which writes such weights to its external data file.");

    /// <summary>A Float32 scalar constant (shared by value).</summary>
    public string Scalar(float value)
    {
        var key = "f:" + BitConverter.SingleToInt32Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Unique("const_f");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        graph.Initializer.Add(tensor);
        return constants[key] = name;
    }

    /// <summary>An Int64 vector constant (axes, shapes, scalars as [n]) shared by value.</summary>
    public string Int64s(params long[] values)
    {
        var key = "i:" + string.Join(",", values);
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Unique("const_i");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return constants[key] = name;
    }

    /// <summary>An Int64 scalar constant (rank 0).</summary>
    public string Int64Scalar(long value)
    {
        var key = "is:" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Unique("const_i");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Int64Data.Add(value);
        graph.Initializer.Add(tensor);
        return constants[key] = name;
    }

    /// <summary>Adds a node with one output; returns the output's name.</summary>
    public string Node(string op, string[] inputs, string hint, params AttributeProto[] attributes)
    {
        var output = Unique(hint);
        graph.Node.Add(NewNode(op, inputs, output, attributes));
        return output;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>The finished model: IR version and opset of <see cref="OnnxExporter"/>, with metadata.</summary>
    public ModelProto Build(string producerVersion, IReadOnlyDictionary<string, string> metadata, string docString)
    {
        graph.DocString = docString;
        var model = new ModelProto
        {
            IrVersion = OnnxExporter.IrVersion,
            ProducerName = "RecDsl",
            ProducerVersion = producerVersion,
            Graph = graph,
            DocString = docString,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExporter.Opset });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static NodeProto NewNode(string op, string[] inputs, string output, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] fixedDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDim });
        foreach (var d in fixedDims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private void Reserve(string name)
    {
        if (!names.Add(name)) throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
    }

    // Readable names (the hint) made unique by a counter, never colliding with inputs, outputs or weights.
    private string Unique(string hint)
    {
        if (names.Add(hint)) return hint;
        string name;
        do name = $"{hint}_{++counter}";
        while (!names.Add(name));
        return name;
    }
}
