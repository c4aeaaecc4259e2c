namespace RecDsl;

/// <summary>The label of a single-task model (WideDeep, DeepFM, DIN): bool, or float/double in [0, 1].</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class LabelAttribute : Attribute { }

/// <summary>ESMM's click label (bool, or float/double in [0, 1]), observed on every impression.</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class ClickLabelAttribute : Attribute { }

/// <summary>ESMM's conversion label, observed over all impressions (a non-clicked row counts as no conversion).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class ConversionLabelAttribute : Attribute { }
