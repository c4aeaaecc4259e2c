namespace RecDsl.Data;

/// <summary>One event of a behaviour log: <paramref name="UserId"/> interacted with <paramref name="ItemId"/> (of
/// category <paramref name="CategoryId"/>) at <paramref name="Time"/> (any increasing unit, e.g. Unix seconds).</summary>
public readonly record struct Interaction(long UserId, long ItemId, long CategoryId, long Time);
