using RecDsl.Generator.Emitting;
using RecDsl.Generator.Model;
using RecDsl.Generator.Tests.Infrastructure;

namespace RecDsl.Generator.Tests.Emitting;

/// <summary>The emitters' output for the declaration matrix, from hand-built declarations (no Roslyn involved).
/// Each approved file was read and checked by eye.</summary>
public class EmitterSnapshotTests
{
    [Theory]
    [InlineData("AdClick")]
    [InlineData("ItemView")]
    [InlineData("Impression")]
    [InlineData("Match")]
    public void Generates_every_artifact(string sample)
    {
        var spec = SpecBuilder.Build(Samples.ByName(sample).Declaration);
        SnapshotAssert.Matches(RecordEmitter.Emit(spec).Select(f => (f.HintName, f.Text)), sample);
    }
}
