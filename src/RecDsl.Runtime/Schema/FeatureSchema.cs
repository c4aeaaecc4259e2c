namespace RecDsl.Schema;

/// <summary>An embedding table: its name, rows (including reserved ones) and dimension.</summary>
public sealed record TableInfo(string Name, long Rows, int EmbeddingDim);

/// <summary>Which labels a record declares.</summary>
/// <param name="Label">Single-task label member, if any.</param>
/// <param name="ClickLabel">ESMM click label member, if any.</param>
/// <param name="ConversionLabel">ESMM conversion label member, if any.</param>
/// <param name="Group">Member that groups rows for gAUC, if any.</param>
public sealed record LabelInfo(string? Label = null, string? ClickLabel = null, string? ConversionLabel = null, string? Group = null);

/// <summary>
/// The whole feature declaration of a record, as data: emitted by the generator (<c>{Record}Schema.Instance</c>),
/// read by models, collators, checkpoints (its <see cref="Fingerprint"/>) and tooling.
/// </summary>
public sealed class FeatureSchema
{
    /// <summary>Creates a schema. Feature slots must be dense and in order within each kind.</summary>
    public FeatureSchema(string recordName, IReadOnlyList<FeatureInfo> features, LabelInfo labels)
    {
        RecordName = recordName;
        Features = features;
        Labels = labels;
        Sparse = features.Where(f => f.Kind == FeatureKind.Sparse).OrderBy(f => f.Slot).ToArray();
        Dense = features.Where(f => f.Kind == FeatureKind.Dense).OrderBy(f => f.Slot).ToArray();
        Sequences = features.Where(f => f.Kind == FeatureKind.Sequence).OrderBy(f => f.Slot).ToArray();
        CheckSlots(Sparse);
        CheckSlots(Dense);
        CheckSlots(Sequences);
        Tables = BuildTables(features);
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The record's fully qualified name.</summary>
    public string RecordName { get; }

    /// <summary>Every feature in declaration order.</summary>
    public IReadOnlyList<FeatureInfo> Features { get; }

    /// <summary>Sparse features in slot order.</summary>
    public IReadOnlyList<FeatureInfo> Sparse { get; }

    /// <summary>Dense features in slot order.</summary>
    public IReadOnlyList<FeatureInfo> Dense { get; }

    /// <summary>Sequence features in slot order.</summary>
    public IReadOnlyList<FeatureInfo> Sequences { get; }

    /// <summary>Embedding tables in first-use order; shared tables appear once.</summary>
    public IReadOnlyList<TableInfo> Tables { get; }

    /// <summary>The label members.</summary>
    public LabelInfo Labels { get; }

    /// <summary>A stable digest of everything that shapes the weights (names, kinds, roles, sizes, dims).
    /// A checkpoint stores it; loading into a changed declaration fails and says what changed.</summary>
    public string Fingerprint { get; }

    /// <summary>The feature named <paramref name="name"/>.</summary>
    public FeatureInfo this[string name] =>
        Features.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"'{RecordName}' declares no feature '{name}'.");

    /// <summary>The features that carry <paramref name="role"/>, in declaration order; none is an error that names the
    /// record, the marker and the model that needs it (a network built from a hand-made schema: the generator's
    /// declarations are checked by the analyzers first).</summary>
    /// <exception cref="ArgumentException">No feature carries the role.</exception>
    internal FeatureInfo[] RequireRole(FeatureRoles role, string model)
    {
        var features = Features.Where(f => f.Has(role)).ToArray();
        if (features.Length == 0) throw new ArgumentException($"'{RecordName}' has no [{role}] feature for {model}.", "schema");
        return features;
    }

    /// <summary>One line per feature that describes its shape, used by the fingerprint and by the
    /// "what changed" message of a failed load.</summary>
    public IReadOnlyList<string> Describe() =>
        Features.Select(f => $"{f.Name}: {f.Kind} roles={f.Roles} table={f.Table} ids={f.Cardinality} dim={f.EmbeddingDim} maxLen={f.MaxLen} pooling={f.Pooling} target={f.Target ?? "-"} hashed={f.Hashed}")
            .ToArray();

    private static void CheckSlots(IReadOnlyList<FeatureInfo> features)
    {
        for (int i = 0; i < features.Count; i++)
            if (features[i].Slot != i)
                throw new ArgumentException($"Feature '{features[i].Name}' has slot {features[i].Slot}; expected {i}.");
    }

    private static IReadOnlyList<TableInfo> BuildTables(IReadOnlyList<FeatureInfo> features)
    {
        var tables = new List<TableInfo>();
        foreach (var f in features.Where(f => f.Kind != FeatureKind.Dense))
        {
            var existing = tables.FirstOrDefault(t => t.Name == f.Table);
            if (existing is null)
            {
                tables.Add(new TableInfo(f.Table, f.TableRows, f.EmbeddingDim));
            }
            else if (existing.Rows != f.TableRows || existing.EmbeddingDim != f.EmbeddingDim)
            {
                throw new ArgumentException(
                    $"Feature '{f.Name}' shares table '{f.Table}' but disagrees on its size ({f.TableRows} rows x {f.EmbeddingDim} vs {existing.Rows} x {existing.EmbeddingDim}).");
            }
        }
        return tables;
    }

    private string ComputeFingerprint()
    {
        var text = string.Join("\n", Describe());
        var hash = System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text));
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
