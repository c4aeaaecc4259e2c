using System.Collections.Generic;
using System.Collections.Immutable;
using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>Sequences of every element shape a sequence may have (enum, bool, short, nullable string) in the
    /// collection kinds the other samples leave out (IList, nullable-string List and ImmutableArray). Devices is [Wide]
    /// because [WideDeep] needs a wide feature (RDSL0010): the generator tests compare their reader with this one.</summary>
    [WideDeep]
    public sealed record Basket
    {
        [Sequence(MaxLen = 4), Deep, Wide] public IList<DeviceKind> Devices { get; init; } = new List<DeviceKind>();
        [Sequence(MaxLen = 4), Deep, Column("flags", Separator = ' ')] public bool[] Flags { get; init; } = System.Array.Empty<bool>();
        [Sequence(Vocab = 10, MaxLen = 4), Deep] public IReadOnlyList<short> Sizes { get; init; } = System.Array.Empty<short>();
        [Sequence(HashBuckets = 64, MaxLen = 4), Deep, Column("words", Separator = '\t')] public List<string?> Words { get; init; } = new();
        [Sequence(HashBuckets = 64, MaxLen = 4), Deep] public ImmutableArray<string?> Codes { get; init; }
        [Label] public bool Bought { get; init; }
    }

    // What the generator emits for Basket: one item accessor per element shape, one copy per collection kind.
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.Basket"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class BasketCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.Basket>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public BasketCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.Basket> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("Devices", "Devices");
            int c1 = header.Column("flags", "Flags");
            int c2 = header.Column("Sizes", "Sizes");
            int c3 = header.Column("words", "Words");
            int c4 = header.Column("Codes", "Codes");
            int c5 = header.Column("Bought", "Bought");
            return row => new global::RecDsl.Tests.Data.Readers.Basket
            {
                Devices = row.GetEnumItems<global::RecDsl.Tests.Data.Readers.DeviceKind>(c0, '|').ToArray(),
                Flags = row.GetBooleanItems(c1, ' ').ToArray(),
                Sizes = row.GetIntegerItems<short>(c2, '|').ToArray(),
                Words = global::RecDsl.Data.CsvCollections.ToList(row.GetNullableStringItems(c3, '\t')),
                Codes = global::RecDsl.Data.CsvCollections.ToImmutableArray(row.GetNullableStringItems(c4, '|')),
                Bought = row.GetBoolean(c5),
            };
        }
    }
}
