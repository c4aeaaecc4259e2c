using RecDsl.Schema;

namespace RecDsl.Models;

/// <summary>Targeted sequences that DIN attends jointly (same MaxLen: the same events, e.g. item and category
/// histories), each paired with its target by name. Keys and queries are the members' embeddings concatenated.</summary>
/// <param name="Sequences">The histories, in slot order.</param>
/// <param name="Targets">The target of each history (same order), found by <see cref="FeatureInfo.Target"/>.</param>
/// <param name="MaxLen">Their common length.</param>
/// <param name="Dim">Size of the concatenated key/query.</param>
public sealed record AttentionGroup(IReadOnlyList<FeatureInfo> Sequences, IReadOnlyList<FeatureInfo> Targets, int MaxLen, int Dim);
