namespace RecDsl;

/// <summary>How a sequence feature without attention is reduced to one vector. Padding never contributes.</summary>
public enum Pooling
{
    /// <summary>Sum of the embeddings of the real (non-padding) items.</summary>
    Sum,
    /// <summary>Mean over the real items; an empty sequence gives a zero vector.</summary>
    Mean,
    /// <summary>Element-wise maximum over the real items; an empty sequence gives a zero vector.</summary>
    Max,
}

/// <summary>What happens to an id that is out of range or unseen by the vocabulary.</summary>
public enum OovPolicy
{
    /// <summary>Map it to the feature's dedicated OOV row and count it (the default).</summary>
    Bucket,
    /// <summary>Throw an error that names the feature, the value and the row.</summary>
    Throw,
}

/// <summary>Hidden-layer activation of an MLP.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>Data-adaptive activation of the DIN paper, with batch statistics.</summary>
    Dice,
    /// <summary>Parametric ReLU with a learned slope per channel.</summary>
    PRelu,
    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
}
