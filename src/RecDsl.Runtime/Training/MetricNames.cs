using RecDsl.Models;

namespace RecDsl.Training;

/// <summary>The keys of the metric dictionary <see cref="Evaluator"/> returns, and which way is better.</summary>
public static class MetricNames
{
    /// <summary>Single task: ROC AUC of the probability against the label.</summary>
    public const string Auc = "auc";
    /// <summary>Single task: log loss (clipped at 1e-7).</summary>
    public const string LogLoss = "logloss";
    /// <summary>Single task with groups: row-weighted group AUC.</summary>
    public const string GroupAuc = "gauc";
    /// <summary>ESMM: pCTR AUC on all rows.</summary>
    public const string CtrAuc = "ctr_auc";
    /// <summary>ESMM: pCVR AUC on clicked rows.</summary>
    public const string CvrAuc = "cvr_auc";
    /// <summary>ESMM: pCTCVR AUC on all rows.</summary>
    public const string CtcvrAuc = "ctcvr_auc";
    /// <summary>ESMM: pCTR log loss on all rows.</summary>
    public const string CtrLogLoss = "ctr_logloss";
    /// <summary>ESMM: pCVR log loss on clicked rows.</summary>
    public const string CvrLogLoss = "cvr_logloss";
    /// <summary>ESMM: pCTCVR log loss on all rows.</summary>
    public const string CtcvrLogLoss = "ctcvr_logloss";
    /// <summary>The network's own training loss (<see cref="RecNetwork.Loss"/>), row-weighted over the data.</summary>
    public const string Loss = "loss";

    /// <summary>The metrics an evaluation produces for a network of kind <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> For(TaskKind task, bool hasGroups) => task == TaskKind.Esmm
        ? [CtrAuc, CtcvrAuc, CvrAuc, CtrLogLoss, CtcvrLogLoss, CvrLogLoss, Loss]
        : hasGroups ? [Auc, GroupAuc, LogLoss, Loss] : [Auc, LogLoss, Loss];

    /// <summary>What to write instead of <paramref name="metric"/>, which is not in <paramref name="available"/>: the
    /// name it spells differently (case, spaces, a Keras-style <c>val_</c> prefix), what a known metric needs, or "".</summary>
    internal static string Hint(string metric, TaskKind task, IReadOnlyList<string> available)
    {
        var name = metric.Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "validation_", "valid_", "val_" })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        if (available.Contains(name)) return $" Did you mean '{name}'? (names are lower case, without a 'val_' prefix: every metric is a validation metric)";
        if (name == GroupAuc && task == TaskKind.SingleTask)
            return " gauc needs groups: mark one member of the record [Group] (a user id, say), so that batches carry Groups.";
        // A name the other kind of network reports ('loss', shared by both, is always available).
        if (!For(task == TaskKind.Esmm ? TaskKind.SingleTask : TaskKind.Esmm, hasGroups: true).Contains(name)) return "";
        return task == TaskKind.SingleTask
            ? $" '{name}' is reported for ESMM networks only."
            : " An ESMM network reports each of its tasks by name: ctr_, cvr_ and ctcvr_ auc or logloss.";
    }

    /// <summary>True when a larger value is better: AUC-type metrics; losses are better smaller.</summary>
    /// <exception cref="ArgumentException">The name is not a known metric.</exception>
    public static bool HigherIsBetter(string metric) => metric switch
    {
        Auc or GroupAuc or CtrAuc or CvrAuc or CtcvrAuc => true,
        LogLoss or CtrLogLoss or CvrLogLoss or CtcvrLogLoss or Loss => false,
        _ => throw new ArgumentException(
            $"Unknown metric '{metric}'. Known: {Auc}, {GroupAuc}, {LogLoss}, {CtrAuc}, {CvrAuc}, {CtcvrAuc}, {CtrLogLoss}, {CvrLogLoss}, {CtcvrLogLoss}, {Loss}.", nameof(metric)),
    };
}
