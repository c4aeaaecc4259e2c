using RecDsl.Data;

// The Criteo record and the reader the generator emits for it (the shape of docs/architecture.md, "CSV readers"),
// so the benchmark measures RecDsl's whole read path: Sep, column binding, CsvRow accessors, record creation.
internal sealed record CriteoRecord
{
    public bool Clicked { get; init; }
    public float? I1 { get; init; }
    public float? I2 { get; init; }
    public float? I3 { get; init; }
    public float? I4 { get; init; }
    public float? I5 { get; init; }
    public float? I6 { get; init; }
    public float? I7 { get; init; }
    public float? I8 { get; init; }
    public float? I9 { get; init; }
    public float? I10 { get; init; }
    public float? I11 { get; init; }
    public float? I12 { get; init; }
    public float? I13 { get; init; }
    public string? C1 { get; init; }
    public string? C2 { get; init; }
    public string? C3 { get; init; }
    public string? C4 { get; init; }
    public string? C5 { get; init; }
    public string? C6 { get; init; }
    public string? C7 { get; init; }
    public string? C8 { get; init; }
    public string? C9 { get; init; }
    public string? C10 { get; init; }
    public string? C11 { get; init; }
    public string? C12 { get; init; }
    public string? C13 { get; init; }
    public string? C14 { get; init; }
    public string? C15 { get; init; }
    public string? C16 { get; init; }
    public string? C17 { get; init; }
    public string? C18 { get; init; }
    public string? C19 { get; init; }
    public string? C20 { get; init; }
    public string? C21 { get; init; }
    public string? C22 { get; init; }
    public string? C23 { get; init; }
    public string? C24 { get; init; }
    public string? C25 { get; init; }
    public string? C26 { get; init; }
}

internal sealed class CriteoRecordCsvReader : CsvRecordReader<CriteoRecord>
{
    public CriteoRecordCsvReader(CsvReadOptions? options = null) : base(options) { }

    protected override CsvRowReader<CriteoRecord> Bind(CsvHeader header)
    {
        int c0 = header.Column("label", "Clicked");
        int c1 = header.Column("I1", "I1");
        int c2 = header.Column("I2", "I2");
        int c3 = header.Column("I3", "I3");
        int c4 = header.Column("I4", "I4");
        int c5 = header.Column("I5", "I5");
        int c6 = header.Column("I6", "I6");
        int c7 = header.Column("I7", "I7");
        int c8 = header.Column("I8", "I8");
        int c9 = header.Column("I9", "I9");
        int c10 = header.Column("I10", "I10");
        int c11 = header.Column("I11", "I11");
        int c12 = header.Column("I12", "I12");
        int c13 = header.Column("I13", "I13");
        int c14 = header.Column("C1", "C1");
        int c15 = header.Column("C2", "C2");
        int c16 = header.Column("C3", "C3");
        int c17 = header.Column("C4", "C4");
        int c18 = header.Column("C5", "C5");
        int c19 = header.Column("C6", "C6");
        int c20 = header.Column("C7", "C7");
        int c21 = header.Column("C8", "C8");
        int c22 = header.Column("C9", "C9");
        int c23 = header.Column("C10", "C10");
        int c24 = header.Column("C11", "C11");
        int c25 = header.Column("C12", "C12");
        int c26 = header.Column("C13", "C13");
        int c27 = header.Column("C14", "C14");
        int c28 = header.Column("C15", "C15");
        int c29 = header.Column("C16", "C16");
        int c30 = header.Column("C17", "C17");
        int c31 = header.Column("C18", "C18");
        int c32 = header.Column("C19", "C19");
        int c33 = header.Column("C20", "C20");
        int c34 = header.Column("C21", "C21");
        int c35 = header.Column("C22", "C22");
        int c36 = header.Column("C23", "C23");
        int c37 = header.Column("C24", "C24");
        int c38 = header.Column("C25", "C25");
        int c39 = header.Column("C26", "C26");
        return row => new CriteoRecord
        {
            Clicked = row.GetBoolean(c0),
            I1 = row.GetNullableFloat<float>(c1),
            I2 = row.GetNullableFloat<float>(c2),
            I3 = row.GetNullableFloat<float>(c3),
            I4 = row.GetNullableFloat<float>(c4),
            I5 = row.GetNullableFloat<float>(c5),
            I6 = row.GetNullableFloat<float>(c6),
            I7 = row.GetNullableFloat<float>(c7),
            I8 = row.GetNullableFloat<float>(c8),
            I9 = row.GetNullableFloat<float>(c9),
            I10 = row.GetNullableFloat<float>(c10),
            I11 = row.GetNullableFloat<float>(c11),
            I12 = row.GetNullableFloat<float>(c12),
            I13 = row.GetNullableFloat<float>(c13),
            C1 = row.GetNullableString(c14),
            C2 = row.GetNullableString(c15),
            C3 = row.GetNullableString(c16),
            C4 = row.GetNullableString(c17),
            C5 = row.GetNullableString(c18),
            C6 = row.GetNullableString(c19),
            C7 = row.GetNullableString(c20),
            C8 = row.GetNullableString(c21),
            C9 = row.GetNullableString(c22),
            C10 = row.GetNullableString(c23),
            C11 = row.GetNullableString(c24),
            C12 = row.GetNullableString(c25),
            C13 = row.GetNullableString(c26),
            C14 = row.GetNullableString(c27),
            C15 = row.GetNullableString(c28),
            C16 = row.GetNullableString(c29),
            C17 = row.GetNullableString(c30),
            C18 = row.GetNullableString(c31),
            C19 = row.GetNullableString(c32),
            C20 = row.GetNullableString(c33),
            C21 = row.GetNullableString(c34),
            C22 = row.GetNullableString(c35),
            C23 = row.GetNullableString(c36),
            C24 = row.GetNullableString(c37),
            C25 = row.GetNullableString(c38),
            C26 = row.GetNullableString(c39),
        };
    }
}
