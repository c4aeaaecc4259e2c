using RecDsl;

namespace WideDeepCensus;

/// <summary>
/// One adult in the shape of the Census-Income data: age and working hours, categorical attributes as strings, and
/// whether the income is above 50K.
/// </summary>
/// <remarks>
/// The wide part is a linear model over the [Wide] features: one weight per category value, and one per value of the
/// crossed columns (EducationXOccupation, SexXMarital), which lets it memorise combinations, as in the Wide &amp; Deep
/// paper. The deep part is an MLP over embeddings of the categories and the raw numbers, which generalises smooth
/// effects such as income rising and then falling with age. The string columns map through a vocabulary fitted on
/// the training rows (<see cref="CensusPersonVocabulary.Fit"/>); unseen strings go to a shared out-of-vocabulary row.
/// </remarks>
[WideDeep(EmbeddingDim = 8, Hidden = new[] { 64, 32 })]
public sealed record CensusPerson
{
    [Dense, Deep] public float Age { get; init; }
    [Dense, Deep] public float HoursPerWeek { get; init; }

    [Sparse(Vocab = 32), Wide, Deep] public string Education { get; init; } = "";
    [Sparse(Vocab = 32), Wide, Deep] public string Occupation { get; init; } = "";
    [Sparse(Vocab = 16), Wide, Deep] public string MaritalStatus { get; init; } = "";
    [Sparse(Vocab = 16), Wide, Deep] public string Relationship { get; init; } = "";
    [Sparse(Vocab = 16), Wide, Deep] public string Workclass { get; init; } = "";
    [Sparse(Vocab = 4), Wide, Deep] public string Sex { get; init; } = "";
    [Sparse(Vocab = 8), Wide, Deep] public string Race { get; init; } = "";
    [Sparse(Vocab = 64), Wide, Deep] public string NativeCountry { get; init; } = "";

    // Crossed columns for the wide part only: computed from the others, so they need no storage or input column.
    [Sparse(Vocab = 512), Wide] public string EducationXOccupation => Education + " x " + Occupation;
    [Sparse(Vocab = 32), Wide] public string SexXMarital => Sex + " x " + MaritalStatus;

    [Label] public bool IncomeOver50K { get; init; }
}
