// Keys of the diagnostic properties the code fixes read (linked into RecDsl.CodeFixes), so a fix never has to
// re-derive what the rule already knew.
namespace RecDsl.Analyzers
{
    internal static class FixPropertyNames
    {
        /// <summary>Comma-separated role markers a feature could get ("Deep,Wide"), for RDSL0101.</summary>
        public const string Roles = "Roles";

        /// <summary>The one role marker a model lacks ("Wide"), for RDSL0010/0011/0012.</summary>
        public const string Role = "Role";

        /// <summary>Comma-separated features that could take <see cref="Role"/>.</summary>
        public const string Candidates = "Candidates";

        /// <summary>The FM's dimension to align to, for RDSL0013.</summary>
        public const string Dimension = "Dimension";

        /// <summary>"true" when aligning means removing the EmbeddingDim override (the model's dimension).</summary>
        public const string RemoveOverride = "RemoveOverride";

        /// <summary>The member to write as nameof(...), for RDSL0103 and RDSL0003.</summary>
        public const string Nameof = "Nameof";

        /// <summary>The feature kind to write instead of the offending one ("Sparse" for a [Dense] bool or enum), for RDSL0005.</summary>
        public const string FeatureKind = "FeatureKind";
    }
}
