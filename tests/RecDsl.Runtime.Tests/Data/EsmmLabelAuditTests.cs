using RecDsl.Data;

namespace RecDsl.Tests.Data;

public class EsmmLabelAuditTests
{
    private static readonly (bool Click, bool Conversion)[] Rows =
    {
        (false, false), (true, false), (true, true), (false, true), (true, true), (false, false),
    };

    [Fact]
    public void Reject_counts_accepted_rows_only_and_names_the_unclicked_conversion()
    {
        var audit = new EsmmLabelAudit();

        var reasons = Rows.Select(r => audit.Check(r.Click, r.Conversion)).ToList();

        Assert.Equal(new[] { false, false, false, true, false, false }, reasons.Select(r => r is not null));
        Assert.Equal((5L, 3L, 2L, 2L, 1L), (audit.Impressions, audit.Clicks, audit.Conversions, audit.ClickedConversions, audit.UnclickedConversions));
        Assert.Equal("5 impressions, 3 clicks, 2 conversions (2 after a click), 1 conversions without a click (rejected)", audit.ToString());
    }

    [Fact]
    public void Keep_accepts_every_row_and_still_counts_the_unclicked_conversion()
    {
        var audit = new EsmmLabelAudit(UnclickedConversionPolicy.Keep);

        Assert.All(Rows, r => Assert.Null(audit.Check(r.Click, r.Conversion)));

        Assert.Equal((6L, 3L, 3L, 2L, 1L), (audit.Impressions, audit.Clicks, audit.Conversions, audit.ClickedConversions, audit.UnclickedConversions));
        Assert.Equal("6 impressions, 3 clicks, 3 conversions (2 after a click), 1 conversions without a click (kept)", audit.ToString());
    }
}
