namespace RecDsl.Data;

/// <summary>Turns one CSV row into a record, using column indices resolved once by the generated reader's
/// <c>Bind</c> (captured by the lambda). Throws <see cref="CsvDataException"/> (through the
/// <see cref="CsvRow"/> accessors) for a field that does not fit.</summary>
public delegate T CsvRowReader<out T>(CsvRow row);
