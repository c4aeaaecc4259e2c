using System.Collections.Generic;
using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>The generator's ItemView sample (DIN, a record struct): histories as an array and a List (the
    /// category history from a ';'-separated column of another name), string tags as an IReadOnlyList, a nullable
    /// dense value with a declared default, a float label.</summary>
    [Din(EmbeddingDim = 8, Hidden = new[] { 32 }, AttentionHidden = new[] { 16 })]
    public record struct ItemView
    {
        [Sparse(Vocab = 1000), Deep] public long ItemId { get; init; }
        [Sparse(Vocab = 50, EmbeddingDim = 4), Deep] public int CategoryId { get; init; }
        [Sequence(Target = nameof(ItemId), MaxLen = 20), Deep] public int[] History { get; init; }
        [Sequence(Target = nameof(CategoryId), MaxLen = 20), Deep, Column("cate_history", Separator = ';')] public List<int> CategoryHistory { get; init; }
        [Sequence(Vocab = 100, MaxLen = 5, Pooling = Pooling.Sum), Deep] public IReadOnlyList<string> Tags { get; init; }
        [Dense(Default = 30), Deep] public double? Age { get; init; }
        [Label] public float Clicked { get; init; }
    }

    // What the generator emits for ItemView: sequences copy the reused item buffer into the member's collection
    // (.ToArray() for arrays and read-only interfaces, CsvCollections for List and ImmutableArray; C# 10 syntax).
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.ItemView"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class ItemViewCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.ItemView>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public ItemViewCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.ItemView> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("ItemId", "ItemId");
            int c1 = header.Column("CategoryId", "CategoryId");
            int c2 = header.Column("History", "History");
            int c3 = header.Column("cate_history", "CategoryHistory");
            int c4 = header.Column("Tags", "Tags");
            int c5 = header.Column("Age", "Age");
            int c6 = header.Column("Clicked", "Clicked");
            return row => new global::RecDsl.Tests.Data.Readers.ItemView
            {
                ItemId = row.GetInteger<long>(c0),
                CategoryId = row.GetInteger<int>(c1),
                History = row.GetIntegerItems<int>(c2, '|').ToArray(),
                CategoryHistory = global::RecDsl.Data.CsvCollections.ToList(row.GetIntegerItems<int>(c3, ';')),
                Tags = row.GetStringItems(c4, '|').ToArray(),
                Age = row.GetFloat<double>(c5, 30D),
                Clicked = row.GetFloat<float>(c6),
            };
        }
    }
}
