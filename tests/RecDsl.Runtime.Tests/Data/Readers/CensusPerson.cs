using RecDsl;

namespace RecDsl.Tests.Data.Readers
{
    /// <summary>A UCI Census-Income person for WideDeep: column names with spaces through [Column], coded
    /// categories as ids, normalised numbers as dense values, income (0/1) as the label.</summary>
    [WideDeep]
    public sealed record CensusPerson
    {
        [Dense, Deep, Wide, Column("age")] public float Age { get; init; }
        [Sparse(Vocab = 16), Deep, Wide, Column("class of worker")] public int ClassOfWorker { get; init; }
        [Sparse(Vocab = 32), Deep, Wide, Column("education")] public int Education { get; init; }
        [Sparse(Vocab = 8), Deep, Wide, Column("marital status")] public int MaritalStatus { get; init; }
        [Sparse(Vocab = 2), Deep, Wide, Column("sex")] public int Sex { get; init; }
        [Dense, Deep, Column("capital gains")] public double CapitalGains { get; init; }
        [Label, Column("income")] public bool HighIncome { get; init; }
    }

    // What the generator emits for CensusPerson.
    /// <summary>Reads <see cref="global::RecDsl.Tests.Data.Readers.CensusPerson"/> records from CSV.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("RecDsl.Generator", "VERSION")]
    public sealed partial class CensusPersonCsvReader : global::RecDsl.Data.CsvRecordReader<global::RecDsl.Tests.Data.Readers.CensusPerson>
    {
        /// <summary>Creates a reader; null options mean comma-separated with a header line, bad rows throw.</summary>
        public CensusPersonCsvReader(global::RecDsl.Data.CsvReadOptions? options = null) : base(options) { }

        /// <inheritdoc/>
        protected override global::RecDsl.Data.CsvRowReader<global::RecDsl.Tests.Data.Readers.CensusPerson> Bind(global::RecDsl.Data.CsvHeader header)
        {
            int c0 = header.Column("age", "Age");
            int c1 = header.Column("class of worker", "ClassOfWorker");
            int c2 = header.Column("education", "Education");
            int c3 = header.Column("marital status", "MaritalStatus");
            int c4 = header.Column("sex", "Sex");
            int c5 = header.Column("capital gains", "CapitalGains");
            int c6 = header.Column("income", "HighIncome");
            return row => new global::RecDsl.Tests.Data.Readers.CensusPerson
            {
                Age = row.GetFloat<float>(c0),
                ClassOfWorker = row.GetInteger<int>(c1),
                Education = row.GetInteger<int>(c2),
                MaritalStatus = row.GetInteger<int>(c3),
                Sex = row.GetInteger<int>(c4),
                CapitalGains = row.GetFloat<double>(c5),
                HighIncome = row.GetBoolean(c6),
            };
        }
    }
}
