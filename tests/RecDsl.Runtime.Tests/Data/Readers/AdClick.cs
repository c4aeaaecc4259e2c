using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>The generator's AdClick sample (DESIGN.md section 2): ints, a hashed nullable string, a vocabulary
    /// string, a dense float, a bool label; Site comes from a column of another name.</summary>
    [DeepFM(EmbeddingDim = 8, Hidden = new[] { 64, 32 }), WideDeep]
    public sealed record AdClick
    {
        [Sparse(Vocab = 1000), FmField, Deep, Wide, Group] public int UserId { get; init; }
        [Sparse(Vocab = 500), FmField, Deep, Wide] public int AdId { get; init; }
        [Sparse(HashBuckets = 1024), FmField, Deep, Column("site_id")] public string? Site { get; init; }
        [Sparse(Vocab = 100), FmField, Deep] public string Category { get; init; } = "";
        [Dense, Deep, Wide] public float Price { get; init; }
        [Label] public bool Clicked { get; init; }
    }

    // What the generator emits for AdClick: the reference shape of docs/architecture.md, "CSV readers".
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.AdClick"/> records from CSV: each member from the column
    /// of its name or its [Column] name, resolved once per file.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class AdClickCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.AdClick>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public AdClickCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.AdClick> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("UserId", "UserId");
            int c1 = header.Column("AdId", "AdId");
            int c2 = header.Column("site_id", "Site");
            int c3 = header.Column("Category", "Category");
            int c4 = header.Column("Price", "Price");
            int c5 = header.Column("Clicked", "Clicked");
            return row => new global::RecDsl.Tests.Data.Readers.AdClick
            {
                UserId = row.GetInteger<int>(c0),
                AdId = row.GetInteger<int>(c1),
                Site = row.GetNullableString(c2),
                Category = row.GetString(c3),
                Price = row.GetFloat<float>(c4),
                Clicked = row.GetBoolean(c5),
            };
        }
    }
}
