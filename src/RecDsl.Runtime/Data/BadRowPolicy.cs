namespace RecDsl.Data;

/// <summary>What a CSV reader does with a row it cannot turn into a record.</summary>
public enum BadRowPolicy
{
    /// <summary>Stop with a <see cref="CsvDataException"/> that names the file, line, column and value (the default).</summary>
    Throw,

    /// <summary>Leave the row out, count it and keep the first reasons in <see cref="CsvReadReport"/>.
    /// A file in which every row is bad still fails: that is a wrong separator or header, not noise.</summary>
    Skip,
}
