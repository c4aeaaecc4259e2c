namespace RecDsl.Layers;

/// <summary>
/// TorchSharp's <c>Module(string name)</c> constructor already creates a native module, so a call to
/// <see cref="Backend.TorchBackend.EnsureLoaded"/> in a derived constructor's body comes too late to apply the load
/// fix or to turn a load failure into RecDsl's error. Modules write <c>: base(BackendFirst.Name(name))</c> instead.
/// </summary>
internal static class BackendFirst
{
    /// <summary>Loads the backend, then returns <paramref name="name"/> for the base constructor.</summary>
    public static string Name(string name)
    {
        Backend.TorchBackend.EnsureLoaded();
        return name;
    }
}
