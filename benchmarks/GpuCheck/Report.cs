using System.Globalization;

namespace RecDsl.GpuCheck;

/// <summary>
/// The check's output: one line per fact, <c>KIND name key=value ...</c>, easy to grep and to paste into
/// docs/benchmarks.md. <see cref="Check"/> lines decide the exit code; <see cref="Target"/> lines only inform.
/// </summary>
internal sealed class Report(TextWriter output)
{
    private readonly List<string> failures = new();
    private readonly List<string> missedTargets = new();

    /// <summary>The failed checks so far.</summary>
    public IReadOnlyList<string> Failures => failures;

    /// <summary>The throughput targets not met so far.</summary>
    public IReadOnlyList<string> MissedTargets => missedTargets;

    /// <summary>Writes <c>kind name details</c>.</summary>
    public void Line(string kind, string name, string details = "") =>
        output.WriteLine(details.Length == 0 ? $"{kind} {name}" : $"{kind} {name} {details}");

    /// <summary>Writes <c>CHECK name ok|FAIL details</c> and remembers a failure.</summary>
    public void Check(string name, bool ok, string details)
    {
        Line("CHECK", name, (ok ? "ok " : "FAIL ") + details);
        if (!ok) failures.Add(name);
        output.Flush();
    }

    /// <summary>Writes <c>TARGET name met|NOT_MET details</c>; a miss is reported but does not fail the run.</summary>
    public void Target(string name, bool met, string details)
    {
        Line("TARGET", name, (met ? "met " : "NOT_MET ") + details);
        if (!met) missedTargets.Add(name);
    }

    /// <summary>Runs <paramref name="run"/>; an exception becomes a failed check named <paramref name="name"/> (with the
    /// stack trace on one line) instead of ending the run. On the GPU machine the check runs once per session, so one
    /// broken part must not hide the results of the others. Backend refusals still propagate: nothing can run then.</summary>
    public void Guard(string name, Action run)
    {
        try
        {
            run();
        }
        catch (Exception e) when (e is not RecDsl.Backend.RecDslBackendException)
        {
            Check(name, false, $"threw {e.GetType().Name}: {e.Message}");
            Line("EXCEPTION", name, e.ToString().ReplaceLineEndings(" | "));
        }
    }

    /// <summary>Invariant number formatting (the GPU machine runs with invariant globalization anyway).</summary>
    public static string F(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);
}
