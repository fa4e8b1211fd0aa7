using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Localization;

namespace Portal.Tests.Unit;

public sealed class ConsultationRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly TextCatalog Text = new(Path.Combine(AppContext.BaseDirectory, "Localization"));
    private static readonly ConsultationOptions Options = new();

    private static Portal.Core.Refusal? Check(DecisionKind kind, TimeSpan period, string? reason = null, int adoptionDaysAfterClose = 1) =>
        PeriodRules.Check(kind, Opens, Opens + period, DateOnly.FromDateTime((Opens + period).AddHours(8).DateTime).AddDays(adoptionDaysAfterClose), reason, Options, Text);

    [Fact]
    public void Period_OneMinuteShortOfSevenDays_IsRefusedNamingTheRule()
    {
        var refusal = Check(DecisionKind.Ordinary, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull(refusal);
        Assert.Equal("ClosesUtc", refusal.Field);
        Assert.Contains("6", refusal.Message);
        Assert.Contains("7", refusal.Message);
    }

    [Fact]
    public void Period_OfExactlySevenDays_IsAccepted() => Assert.Null(Check(DecisionKind.Ordinary, TimeSpan.FromDays(7)));

    [Fact]
    public void MajorDecision_Needs30Days_OrARecordedReason()
    {
        Assert.Equal("ShortPeriodReason", Check(DecisionKind.Major, TimeSpan.FromDays(29))!.Field);
        Assert.Null(Check(DecisionKind.Major, TimeSpan.FromDays(30)));
        Assert.Null(Check(DecisionKind.Major, TimeSpan.FromDays(10), "突发食品安全风险需尽快采取措施"));
    }

    [Fact]
    public void PlannedAdoption_BeforeTheClose_IsRefused()
    {
        Assert.Equal("PlannedAdoptionDate", Check(DecisionKind.Ordinary, TimeSpan.FromDays(8), adoptionDaysAfterClose: -1)!.Field);
        Assert.Null(Check(DecisionKind.Ordinary, TimeSpan.FromDays(8), adoptionDaysAfterClose: 0));
    }

    [Theory]
    [InlineData("请联系我 13912345678 谢谢", "请联系我 139****5678 谢谢")]
    [InlineData("身份证 510100198503120429。", "身份证 510100********0429。")]
    [InlineData("邮箱 zhang.san@example.com 可回复", "邮箱 z***@example.com 可回复")]
    [InlineData("座机 028-61234567", "座机 028-****67")]
    [InlineData("第3条规定的20个批次和2026年", "第3条规定的20个批次和2026年")]
    public void Mask_HidesPhonesIdNumbersAndEmails_AndLeavesOrdinaryNumbers(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    [Fact]
    public void Fingerprint_GroupsNearIdenticalCampaignTexts_ButNotDifferentOnes()
    {
        const string a = "强烈反对第五条关于摊位登记满3年才能转让的规定，这会让小摊贩的经营成本大大增加，建议删除这一条款，保护我们小商户的合法权益。";
        const string b = "强烈反对第五条关于摊位登记满 3 年才能转让的规定！这会让小摊贩的经营成本大大增加，建议删除这一条款，保护我们小商户的合法权益";
        const string c = "建议第三条把快检结果公示时间从上午十点提前到八点，方便早上买菜的老年人查看当天的检测结果，另外希望公示栏字体大一些。";
        Assert.True(CommentText.AreNearDuplicates(CommentText.Fingerprint(a), CommentText.Fingerprint(b)));
        Assert.False(CommentText.AreNearDuplicates(CommentText.Fingerprint(a), CommentText.Fingerprint(c)));
    }

    [Fact]
    public void Redline_MarksChineseChangesCharacterByCharacter_AndKeepsNumbersWhole()
    {
        var parts = Redline.Compare("经营者应当在2026年公示营业执照。", "经营者应当在2027年醒目位置公示营业执照。");
        Assert.Contains(parts, p => p.Kind == "deleted" && p.Text == "2026");
        Assert.Contains(parts, p => p.Kind == "inserted" && p.Text == "2027");
        Assert.Contains(parts, p => p.Kind == "inserted" && p.Text == "醒目位置");
        Assert.Equal("经营者应当在2027年醒目位置公示营业执照。", string.Concat(parts.Where(p => p.Kind != "deleted").Select(p => p.Text)));
        Assert.Equal("经营者应当在2026年公示营业执照。", string.Concat(parts.Where(p => p.Kind != "inserted").Select(p => p.Text)));
    }
}
