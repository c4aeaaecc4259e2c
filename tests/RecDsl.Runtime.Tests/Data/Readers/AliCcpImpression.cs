using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>An Ali-CCP impression for ESMM: click and purchase labels, a few of the numbered id fields
    /// (101 user, 205 item, 206 category, 207 shop) through [Column] because they are not C# names, and two of
    /// the D* dense fields.</summary>
    [Esmm]
    public sealed record AliCcpImpression
    {
        [ClickLabel, Column("click")] public bool Click { get; init; }
        [ConversionLabel, Column("purchase")] public bool Purchase { get; init; }
        [Sparse(HashBuckets = 1 << 16), Deep, Group, Column("101")] public int User { get; init; }
        [Sparse(HashBuckets = 1 << 16), Deep, Column("205")] public int Item { get; init; }
        [Sparse(HashBuckets = 1 << 12), Deep, Column("206")] public int Category { get; init; }
        [Sparse(HashBuckets = 1 << 12), Deep, Column("207")] public int Shop { get; init; }
        [Dense, Deep, Column("D109_14")] public float D109 { get; init; }
        [Dense, Deep, Column("D508")] public double D508 { get; init; }
    }

    // What the generator emits for AliCcpImpression.
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.AliCcpImpression"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class AliCcpImpressionCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.AliCcpImpression>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public AliCcpImpressionCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.AliCcpImpression> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("click", "Click");
            int c1 = header.Column("purchase", "Purchase");
            int c2 = header.Column("101", "User");
            int c3 = header.Column("205", "Item");
            int c4 = header.Column("206", "Category");
            int c5 = header.Column("207", "Shop");
            int c6 = header.Column("D109_14", "D109");
            int c7 = header.Column("D508", "D508");
            return row => new global::RecDsl.Tests.Data.Readers.AliCcpImpression
            {
                Click = row.GetBoolean(c0),
                Purchase = row.GetBoolean(c1),
                User = row.GetInteger<int>(c2),
                Item = row.GetInteger<int>(c3),
                Category = row.GetInteger<int>(c4),
                Shop = row.GetInteger<int>(c5),
                D109 = row.GetFloat<float>(c6),
                D508 = row.GetFloat<double>(c7),
            };
        }
    }
}
