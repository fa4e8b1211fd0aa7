using Portal.Disclosure.Public;

namespace Portal.Tests.Unit;

public sealed class FeeScheduleTests
{
    [Fact]
    public void Anchors_AreTheCode_OrTheSlugWhenTheCodeIsMissingTakenOrNoFragment()
    {
        var anchors = new FeeSchedule.Anchors();
        Assert.Equal("SF-01", anchors.Next("SF-01", "sf-01"));
        Assert.Equal("fee-second", anchors.Next("SF-01", "second"));
        Assert.Equal("fee-blank", anchors.Next("", "blank"));
        Assert.Equal("fee-spaced", anchors.Next("收费 1", "spaced"));
        // Without a digit a code could be the id of another element of the page (the skip link's target, a heading).
        Assert.Equal("fee-main", anchors.Next("main", "main"));
        Assert.Equal("fee-other", anchors.Next("fee-7", "other"));
        Assert.Equal("2026.3", anchors.Next("2026.3", "dotted"));
    }

    [Fact]
    public void LinkBasis_LinksOnlyThePieceNamingAPublishedDocument()
    {
        var documents = new Dictionary<string, string>
        {
            ["锦市监公告〔2026〕6号"] = "/documents/suspended-fees",
            ["锦城市收费公示制度"] = "/documents/fee-disclosure-system",
        };

        var parts = FeeSchedule.LinkBasis(
            "《中华人民共和国计量法》第十条；关于停征和免收部分行政事业性收费的公告（锦市监公告〔2026〕6号）;《锦城市收费公示制度》；财政部关于…的通知（财税〔2017〕20号）", documents);

        Assert.Equal(
            [
                ("《中华人民共和国计量法》第十条", null),
                ("；", null),
                ("关于停征和免收部分行政事业性收费的公告（锦市监公告〔2026〕6号）", "/documents/suspended-fees"),
                (";", null),
                ("《锦城市收费公示制度》", "/documents/fee-disclosure-system"),
                ("；", null),
                ("财政部关于…的通知（财税〔2017〕20号）", null),
            ],
            parts.Select(p => (p.Text, p.Url)));
    }
}
