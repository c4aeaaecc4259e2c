using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>An Avazu impression as a user declares it on the raw file: snake_case columns through [Column],
    /// the 20-digit row id as ulong, the YYMMDDHH hour as int, anonymised hex ids as hashed strings.</summary>
    [DeepFM]
    public sealed record AvazuImpression
    {
        [Column("id")] public ulong Id { get; init; }
        [Label, Column("click")] public bool Click { get; init; }
        [Column("hour")] public int Hour { get; init; }
        [Sparse(HashBuckets = 1 << 10), Deep, FmField, Column("C1")] public int C1 { get; init; }
        [Sparse(Vocab = 8), Deep, FmField, Column("banner_pos")] public int BannerPos { get; init; }
        [Sparse(HashBuckets = 1 << 16), Deep, FmField, Column("site_id")] public string SiteId { get; init; } = "";
        [Sparse(HashBuckets = 1 << 16), Deep, FmField, Column("app_id")] public string AppId { get; init; } = "";
        [Sparse(HashBuckets = 1 << 20), Deep, FmField, Column("device_ip")] public string DeviceIp { get; init; } = "";
        [Sparse(HashBuckets = 1 << 16), Deep, FmField, Column("C14")] public int C14 { get; init; }
        [Sparse(HashBuckets = 1 << 16), Deep, FmField, Column("C20")] public int C20 { get; init; }
    }

    // What the generator emits for AvazuImpression.
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.AvazuImpression"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class AvazuImpressionCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.AvazuImpression>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public AvazuImpressionCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.AvazuImpression> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("id", "Id");
            int c1 = header.Column("click", "Click");
            int c2 = header.Column("hour", "Hour");
            int c3 = header.Column("C1", "C1");
            int c4 = header.Column("banner_pos", "BannerPos");
            int c5 = header.Column("site_id", "SiteId");
            int c6 = header.Column("app_id", "AppId");
            int c7 = header.Column("device_ip", "DeviceIp");
            int c8 = header.Column("C14", "C14");
            int c9 = header.Column("C20", "C20");
            return row => new global::RecDsl.Tests.Data.Readers.AvazuImpression
            {
                Id = row.GetInteger<ulong>(c0),
                Click = row.GetBoolean(c1),
                Hour = row.GetInteger<int>(c2),
                C1 = row.GetInteger<int>(c3),
                BannerPos = row.GetInteger<int>(c4),
                SiteId = row.GetString(c5),
                AppId = row.GetString(c6),
                DeviceIp = row.GetString(c7),
                C14 = row.GetInteger<int>(c8),
                C20 = row.GetInteger<int>(c9),
            };
        }
    }

    /// <summary>The same file with the row id declared as long: the ids above 2^63 do not fit.</summary>
    public sealed record AvazuSignedId
    {
        [Column("id")] public long Id { get; init; }
    }

    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.AvazuSignedId"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class AvazuSignedIdCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.AvazuSignedId>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public AvazuSignedIdCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.AvazuSignedId> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("id", "Id");
            return row => new global::RecDsl.Tests.Data.Readers.AvazuSignedId
            {
                Id = row.GetInteger<long>(c0),
            };
        }
    }
}
