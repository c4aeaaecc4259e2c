using System.Collections.Generic;
using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>How a device is identified in the generator's Impression sample.</summary>
    public enum DeviceKind { Desktop, Mobile, Tablet }

    /// <summary>The generator's Impression sample (ESMM, a positional record nested in a class): attributes on
    /// parameters, an enum and a bool as ids, hashed query strings as an IEnumerable, click and conversion labels.</summary>
    public static class Tracking
    {
        [Esmm(EmbeddingDim = 8, CtrHidden = new[] { 32 }, CvrHidden = new[] { 32 })]
        public sealed record Impression(
            [Sparse(Vocab = 1000), Deep] int UserId,
            [property: Sparse, Deep] DeviceKind Device,
            [Sparse, Deep] bool IsMobile,
            [property: Sequence(HashBuckets = 4096, MaxLen = 8), Deep] IEnumerable<string> Queries,
            [Dense, Deep] double Price,
            [ClickLabel] bool Clicked,
            [ConversionLabel] bool Converted);
    }

    // What the generator emits for a positional record: the constructor, arguments in parameter order. The name
    // prefixes the containing types, as the collator's does (TrackingImpressionCollator).
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.Tracking.Impression"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class TrackingImpressionCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.Tracking.Impression>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public TrackingImpressionCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.Tracking.Impression> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("UserId", "UserId");
            int c1 = header.Column("Device", "Device");
            int c2 = header.Column("IsMobile", "IsMobile");
            int c3 = header.Column("Queries", "Queries");
            int c4 = header.Column("Price", "Price");
            int c5 = header.Column("Clicked", "Clicked");
            int c6 = header.Column("Converted", "Converted");
            return row => new global::RecDsl.Tests.Data.Readers.Tracking.Impression(
                row.GetInteger<int>(c0),
                row.GetEnum<global::RecDsl.Tests.Data.Readers.DeviceKind>(c1),
                row.GetBoolean(c2),
                row.GetStringItems(c3, '|').ToArray(),
                row.GetFloat<double>(c4),
                row.GetBoolean(c5),
                row.GetBoolean(c6));
        }
    }
}
