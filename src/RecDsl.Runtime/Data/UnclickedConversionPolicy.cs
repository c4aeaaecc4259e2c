namespace RecDsl.Data;

/// <summary>What <see cref="EsmmLabelAudit"/> does with a row that has a conversion (purchase) but no click.</summary>
public enum UnclickedConversionPolicy
{
    /// <summary>The default: the row is bad, because a click-then-convert funnel (Ali-CCP) cannot log one, so it
    /// signals a broken join or swapped columns. Through a CSV reader's validation it is reported with file and
    /// line, or skipped and counted under <see cref="BadRowPolicy.Skip"/>.</summary>
    Reject,

    /// <summary>Keep the row and count it. ESMM trains on click AND conversion and scores CVR on clicked rows only,
    /// so such a row acts as "no conversion" everywhere.</summary>
    Keep,
}
