namespace RecDsl.Training;

/// <summary>A training checkpoint or a saved model could not be used: missing, truncated, corrupt, the other kind
/// of file, or written for another declaration (the message lists what changed), network or optimizer. The message
/// says which.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, Exception? inner = null) : base(message, inner) { }
}
