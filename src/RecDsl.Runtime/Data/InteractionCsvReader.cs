namespace RecDsl.Data;

/// <summary>
/// Reads a behaviour log (one interaction per row, integer ids and time) as <see cref="Interaction"/>s for
/// <see cref="BehaviorHistories.Build"/>. The column names default to the Amazon Electronics layout of
/// torch-rechub (<c>user_id,item_id,time,cate_id</c>); pass others for other logs.
/// </summary>
public sealed class InteractionCsvReader : CsvRecordReader<Interaction>
{
    private readonly string userColumn, itemColumn, categoryColumn, timeColumn;

    /// <summary>Creates a reader that takes the four fields from the named columns.</summary>
    public InteractionCsvReader(string userColumn = "user_id", string itemColumn = "item_id", string categoryColumn = "cate_id",
        string timeColumn = "time", CsvReadOptions? options = null) : base(options)
    {
        this.userColumn = userColumn;
        this.itemColumn = itemColumn;
        this.categoryColumn = categoryColumn;
        this.timeColumn = timeColumn;
    }

    /// <inheritdoc/>
    protected override CsvRowReader<Interaction> Bind(CsvHeader header)
    {
        int user = header.Column(userColumn, nameof(Interaction.UserId));
        int item = header.Column(itemColumn, nameof(Interaction.ItemId));
        int category = header.Column(categoryColumn, nameof(Interaction.CategoryId));
        int time = header.Column(timeColumn, nameof(Interaction.Time));
        return row => new Interaction(row.GetInteger<long>(user), row.GetInteger<long>(item), row.GetInteger<long>(category),
            row.GetInteger<long>(time));
    }
}
