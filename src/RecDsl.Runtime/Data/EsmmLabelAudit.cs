namespace RecDsl.Data;

/// <summary>
/// Checks and counts ESMM labels as records are read: impressions, clicks, conversions, and conversions without a
/// click, which <see cref="UnclickedConversionPolicy"/> rejects or keeps. Use it as a reader's validation:
/// <c>new AliCcpImpressionCsvReader { Validate = r => audit.Check(r.Click, r.Purchase) }</c>.
/// </summary>
/// <remarks>The conversion label is observed over all impressions (DESIGN.md section 2): a row that was not
/// clicked has conversion 0. Not thread-safe: one audit per read.</remarks>
public sealed class EsmmLabelAudit
{
    /// <summary>Creates an audit with the given policy for conversions without a click.</summary>
    public EsmmLabelAudit(UnclickedConversionPolicy policy = UnclickedConversionPolicy.Reject) => Policy = policy;

    /// <summary>What happens to a conversion without a click.</summary>
    public UnclickedConversionPolicy Policy { get; }

    /// <summary>Rows accepted.</summary>
    public long Impressions { get; private set; }

    /// <summary>Accepted rows with a click.</summary>
    public long Clicks { get; private set; }

    /// <summary>Accepted rows with a conversion (after a click, or kept without one).</summary>
    public long Conversions { get; private set; }

    /// <summary>Accepted rows with a click and a conversion: the CTCVR positives.</summary>
    public long ClickedConversions { get; private set; }

    /// <summary>Rows with a conversion but no click, rejected or kept.</summary>
    public long UnclickedConversions { get; private set; }

    /// <summary>Counts one row and returns null when it is accepted, or the reason it is rejected.</summary>
    public string? Check(bool click, bool conversion)
    {
        if (conversion && !click)
        {
            UnclickedConversions++;
            if (Policy == UnclickedConversionPolicy.Reject)
            {
                return "conversion without a click (ESMM's funnel is click then conversion; " +
                    "UnclickedConversionPolicy.Keep keeps such rows)";
            }
        }
        Impressions++;
        if (click) Clicks++;
        if (conversion) Conversions++;
        if (click && conversion) ClickedConversions++;
        return null;
    }

    /// <summary>One line: <c>100 impressions, 4 clicks, 1 conversions (1 after a click), 0 conversions without a click (rejected)</c>.</summary>
    public override string ToString() =>
        $"{Impressions} impressions, {Clicks} clicks, {Conversions} conversions ({ClickedConversions} after a click), " +
        $"{UnclickedConversions} conversions without a click ({(Policy == UnclickedConversionPolicy.Reject ? "rejected" : "kept")})";
}
