namespace RecDsl.Generator
{
    /// <summary>Metadata names of the RecDsl attributes. The generator and analyzers cannot reference the
    /// runtime (netstandard2.0 vs TorchSharp), so they name attributes by string.</summary>
    internal static class KnownTypeNames
    {
        public const string WideDeep = "RecDsl.WideDeepAttribute";
        public const string DeepFM = "RecDsl.DeepFMAttribute";
        public const string Din = "RecDsl.DinAttribute";
        public const string Esmm = "RecDsl.EsmmAttribute";

        public const string Sparse = "RecDsl.SparseAttribute";
        public const string Dense = "RecDsl.DenseAttribute";
        public const string Sequence = "RecDsl.SequenceAttribute";

        public const string Wide = "RecDsl.WideAttribute";
        public const string Deep = "RecDsl.DeepAttribute";
        public const string FmField = "RecDsl.FmFieldAttribute";
        public const string Group = "RecDsl.GroupAttribute";
        public const string Column = "RecDsl.ColumnAttribute";

        public const string Label = "RecDsl.LabelAttribute";
        public const string ClickLabel = "RecDsl.ClickLabelAttribute";
        public const string ConversionLabel = "RecDsl.ConversionLabelAttribute";
    }
}
