namespace RecDsl.Generator
{
    /// <summary>Names of the tracked pipeline steps (incremental tests assert they are Cached on unrelated edits).</summary>
    internal static class TrackingNames
    {
        /// <summary>Symbols -> declaration model (only valid declarations pass).</summary>
        public const string Declarations = "RecDsl.Declarations";

        /// <summary>Declaration -> resolved generation spec.</summary>
        public const string Specs = "RecDsl.Specs";
    }
}
