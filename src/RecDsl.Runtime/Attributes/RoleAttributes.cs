namespace RecDsl;

/// <summary>The feature feeds the wide (linear) part of WideDeep.</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class WideAttribute : Attribute { }

/// <summary>The feature feeds the deep MLP (WideDeep, DeepFM, DIN, ESMM towers).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class DeepAttribute : Attribute { }

/// <summary>The feature is a field of DeepFM's factorization machine (first and second order).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class FmFieldAttribute : Attribute { }

/// <summary>The member groups rows for gAUC (typically the user id).</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class GroupAttribute : Attribute { }

/// <summary>Maps the member to a CSV column of another name, and sets the item separator of sequence columns.</summary>
[AttributeUsage(FeatureTargets.Members, AllowMultiple = false, Inherited = false)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Maps the member to the column <paramref name="name"/>.</summary>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The column name in the file.</summary>
    public string Name { get; }

    /// <summary>Separator between the items of a sequence column.</summary>
    public char Separator { get; set; } = '|';
}
