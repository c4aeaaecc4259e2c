using RecDsl.Models;
using RecDsl.Schema;

namespace RecDsl.Training;

/// <summary>
/// Which declaration and network a checkpoint or saved model was written for: the record's name, the schema
/// <see cref="FeatureSchema.Fingerprint"/>, its <see cref="FeatureSchema.Describe"/> lines (so a mismatch can say
/// what changed, feature by feature) and the network's type. Written first in both kinds of file and checked
/// before any weight is read, by the same code for both.
/// </summary>
internal sealed record DeclarationStamp(string RecordName, string Fingerprint, IReadOnlyList<string> SchemaLines, string NetworkType)
{
    /// <summary>The stamp of a live network.</summary>
    public static DeclarationStamp Of(RecNetwork network) => Of(network.Schema, network.GetType());

    /// <summary>The stamp a network of type <paramref name="networkType"/> built on <paramref name="schema"/> would have.</summary>
    public static DeclarationStamp Of(FeatureSchema schema, Type networkType) =>
        new(schema.RecordName, schema.Fingerprint, schema.Describe(), NameOf(networkType));

    /// <summary>How files name a network type.</summary>
    public static string NameOf(Type networkType) => networkType.FullName ?? networkType.Name;

    public void Write(BinaryWriter writer)
    {
        writer.Write(RecordName);
        writer.Write(Fingerprint);
        writer.Write(SchemaLines.Count);
        foreach (var line in SchemaLines) writer.Write(line);
        writer.Write(NetworkType);
    }

    public static DeclarationStamp Read(BinaryReader reader)
    {
        var recordName = reader.ReadString();
        var fingerprint = reader.ReadString();
        int count = reader.ReadInt32();
        if (count is < 0 or > 1_000_000) throw new InvalidDataException($"Implausible feature count {count}.");
        var lines = new string[count];
        for (int i = 0; i < lines.Length; i++) lines[i] = reader.ReadString();
        return new DeclarationStamp(recordName, fingerprint, lines, reader.ReadString());
    }

    /// <summary>Throws unless the file was written for the declaration <paramref name="current"/>; the message lists
    /// per feature <c>changed: old -> new</c>, <c>added:</c>, <c>removed:</c> (or the record rename / feature order).</summary>
    /// <param name="current">The schema of the network the file is loaded into.</param>
    /// <param name="path">The file, for the message.</param>
    /// <param name="kind">The kind of file, for the message.</param>
    /// <exception cref="CheckpointException">The fingerprints differ.</exception>
    public void RequireDeclaration(FeatureSchema current, string path, PayloadKind kind)
    {
        if (Fingerprint == current.Fingerprint) return;
        var changes = SchemaDifference.Explain(RecordName, SchemaLines, current);
        throw new CheckpointException(
            $"{CheckpointFile.Noun(kind)} '{path}' was written for another declaration of '{RecordName}' (fingerprint {Fingerprint}, now {current.Fingerprint}). What changed:" +
            string.Concat(changes.Select(c => Environment.NewLine + "  " + c)));
    }
}
