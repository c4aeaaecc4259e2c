namespace RecDsl;

/// <summary>Settings every model attribute shares.</summary>
public abstract class RecModelAttribute : Attribute
{
    /// <summary>Embedding dimension of every sparse/sequence feature that does not set its own.</summary>
    public int EmbeddingDim { get; set; } = 16;

    /// <summary>Dropout probability after each hidden layer.</summary>
    public double Dropout { get; set; }
}

/// <summary>Generates <c>{Record}WideDeep</c>: a linear (wide) part over <see cref="WideAttribute"/> features
/// plus an MLP (deep) part over <see cref="DeepAttribute"/> features; logit = wide + deep.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class WideDeepAttribute : RecModelAttribute
{
    /// <summary>Hidden layer sizes of the deep MLP.</summary>
    public int[] Hidden { get; set; } = { 256, 128 };

    /// <summary>Activation of the deep MLP.</summary>
    public Activation Activation { get; set; } = Activation.Relu;
}

/// <summary>Generates <c>{Record}DeepFM</c>: first order + FM second order over <see cref="FmFieldAttribute"/>
/// features, plus an MLP over <see cref="DeepAttribute"/> features sharing the same embeddings.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class DeepFMAttribute : RecModelAttribute
{
    /// <summary>Hidden layer sizes of the deep MLP.</summary>
    public int[] Hidden { get; set; } = { 256, 128 };

    /// <summary>Activation of the deep MLP.</summary>
    public Activation Activation { get; set; } = Activation.Relu;
}

/// <summary>Generates <c>{Record}Din</c>: Deep Interest Network; each targeted <see cref="SequenceAttribute"/>
/// is attended with its target as the query (masked), and an MLP scores the result.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class DinAttribute : RecModelAttribute
{
    /// <summary>Hidden layer sizes of the top MLP.</summary>
    public int[] Hidden { get; set; } = { 256, 128 };

    /// <summary>Hidden layer sizes of the attention (activation unit) MLP.</summary>
    public int[] AttentionHidden { get; set; } = { 64, 32 };

    /// <summary>Normalise attention scores with a (masked) softmax. The paper does not.</summary>
    public bool AttentionSoftmax { get; set; }

    /// <summary>Activation of both MLPs.</summary>
    public Activation Activation { get; set; } = Activation.Dice;
}

/// <summary>Generates <c>{Record}Esmm</c>: Entire Space Multi-task Model with shared embeddings, a CTR tower
/// and a CVR tower; pCTCVR = pCTR x pCVR, trained on click and click-and-conversion over all impressions.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class EsmmAttribute : RecModelAttribute
{
    /// <summary>Hidden layer sizes of the CTR tower.</summary>
    public int[] CtrHidden { get; set; } = { 256, 128 };

    /// <summary>Hidden layer sizes of the CVR tower.</summary>
    public int[] CvrHidden { get; set; } = { 256, 128 };

    /// <summary>Activation of both towers.</summary>
    public Activation Activation { get; set; } = Activation.Relu;
}
