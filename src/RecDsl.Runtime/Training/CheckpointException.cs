namespace RecDsl.Training;

/// <summary>A checkpoint could not be used: missing, truncated, corrupt, or written for another declaration,
/// network or optimizer. The message says which.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, Exception? inner = null) : base(message, inner) { }
}
