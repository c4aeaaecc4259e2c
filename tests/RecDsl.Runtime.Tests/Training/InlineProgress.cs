using RecDsl.Training;

namespace RecDsl.Tests.Training;

/// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
