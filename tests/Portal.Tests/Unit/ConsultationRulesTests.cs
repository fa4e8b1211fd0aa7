using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Localization;
using Portal.Core.Text;

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
    [InlineData("手机 139 1234 5678，电话 139-1234-5678，联系我：139－1234－5678", "手机 139****5678，电话 139****5678，联系我：139****5678")]
    [InlineData("手机\u3000139\u30001234\u30005678", "手机\u3000139****5678")]
    [InlineData("+8613912345678，+86 139 1234 5678，008613912345678，8613912345678", "+86139****5678，+86 139****5678，0086139****5678，86139****5678")]
    [InlineData("座机 (028) 6123-4567 或 010 12345678，（028）61234567，028－61234567", "座机 028-****67 或 010-****78，028-****67，028-****67")]
    [InlineData("分三档：150 2000 3000 元，标准 180-2600-4800 度，营业时间 0800-1200 1400-1800，系数 1.0125 1500 2000",
        "分三档：150 2000 3000 元，标准 180-2600-4800 度，营业时间 0800-1200 1400-1800，系数 1.0125 1500 2000")]
    [InlineData("文号 2026年第13912号，订单 201301234567890", "文号 2026年第13912号，订单 201301234567890")]
    public void Mask_HidesPhonesIdNumbersAndEmails_AndLeavesOrdinaryNumbers(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    [Theory]
    [InlineData("+86 28 8765 4321", "+86 28-****21")]
    [InlineData("+86-28-87654321", "+86-28-****21")]
    [InlineData("0086 10 6512 3456", "0086 10-****56")]
    [InlineData("(+86) 010-65123456", "(+86) 010-****56")]
    [InlineData("+86 (28) 8765-4321", "+86 28-****21")]
    [InlineData("电话：+86 871 651 2345，（+86）（755）8765－4321，0086\u300021\u300065123456", "电话：+86 871-****45，（+86）755-****21，0086\u300021-****56")]
    public void Mask_HidesLandlines_WrittenWithTheCountryCode(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    [Theory]
    [InlineData("+86 1381 234 5678", "+86 138****5678")]
    [InlineData("＋86 138 1234 5678", "＋86 138****5678")]
    [InlineData("＋86－138－1234－5678", "＋86－138****5678")]
    [InlineData("＋8613812345678", "＋86138****5678")]
    [InlineData("0086 13812345678", "0086 138****5678")]
    [InlineData("+86(138)12345678", "+86(138)****5678")]
    [InlineData("（+86）（138）1234 5678", "（+86）（138）****5678")]
    [InlineData("+86 138 12345678，+86 13812 345 678", "+86 138****5678，+86 138****5678")]
    [InlineData("+86 138-1234 5678 联系", "+86 138****5678 联系")]
    [InlineData("手机 1381 234 5678，电话：(138) 1234-5678，微信 138 12345678", "手机 138****5678，电话：(138)****5678，微信 138****5678")]
    [InlineData("＋86 28 8765 4321", "＋86 28-****21")]
    public void Mask_HidesMobiles_GroupedAnyWay_AfterTheCountryCodeOrAPhoneCue(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    /// <summary>Full-width digits (an IME's default) and a mix of widths are masked alike; what stays keeps its width.</summary>
    [Theory]
    [InlineData("请联系我 １３９１２３４５６７８ 谢谢", "请联系我 １３９****５６７８ 谢谢")]
    [InlineData("手机１３８１２３４５６７８。", "手机１３８****５６７８。")]
    [InlineData("１38１２３４5678，13８1234５６７８", "１38****5678，13８****５６７８")]
    [InlineData("８６１３８１２３４５６７８，００８６１３８１２３４５６７８", "８６１３８****５６７８，００８６１３８****５６７８")]
    [InlineData("＋８６ １３８ １２３４ ５６７８", "＋８６ １３８****５６７８")]
    [InlineData("＋８６１３８１２３４５６７８", "＋８６１３８****５６７８")]
    [InlineData("＋８６－１３８－１２３４－５６７８", "＋８６－１３８****５６７８")]
    [InlineData("００８６\u3000１３８\u3000１２３４\u3000５６７８", "００８６\u3000１３８****５６７８")]
    [InlineData("（＋８６）（１３８）１２３４ ５６７８", "（＋８６）（１３８）****５６７８")]
    [InlineData("＋86 １３８ １２３４ ５６７８，+８６ 138 １２３４ 5678", "＋86 １３８****５６７８，+８６ 138****5678")]
    [InlineData("手机 １３８ １２３４ ５６７８，电话：（１３８）１２３４－５６７８", "手机 １３８****５６７８，电话：（１３８）****５６７８")]
    public void Mask_HidesMobiles_WrittenInFullWidthDigits(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    [Theory]
    [InlineData("座机 ０２８－６１２３４５６７", "座机 ０２８-****６７")]
    [InlineData("电话（０２８）６１２３－４５６７，０１０ １２３４５６７８", "电话０２８-****６７，０１０-****７８")]
    [InlineData("座机 0２８-6123４567", "座机 0２８-****67")]
    [InlineData("＋８６ ２８ ８７６５ ４３２１，００８６\u3000１０\u3000６５１２３４５６", "＋８６ ２８-****２１，００８６\u3000１０-****５６")]
    [InlineData("（＋８６）（７５５）８７６５－４３２１", "（＋８６）７５５-****２１")]
    public void Mask_HidesLandlines_WrittenInFullWidthDigits(string text, string expected) =>
        Assert.Equal(expected, CommentText.Mask(text));

    /// <summary>A stored public copy is masked again when the rules grow: what is already masked must come through unchanged.</summary>
    [Theory]
    [InlineData("请联系我 13912345678，座机 028-61234567，邮箱 zhang.san@example.com，身份证 510100198503120429")]
    [InlineData("手机 １３８ １２３４ ５６７８，电话：（１３８）１２３４－５６７８，座机 ０２８－６１２３４５６７")]
    [InlineData("+86 138 1234 5678，（+86）（755）8765－4321，0086\u300021\u300065123456，＋８６ ２８ ８７６５ ４３２１")]
    public void Mask_OfAMaskedText_ChangesNothing(string text)
    {
        var masked = CommentText.Mask(text);
        Assert.NotEqual(text, masked);
        Assert.Equal(masked, CommentText.Mask(masked));
    }

    [Theory]
    [InlineData("补贴 １，３８０，０００ 元，合计 １３，８１２，３４５，６７８ 元，第 １３８ 条第 １２３４ 款，２０２６ 年 ５６７８ 户")]
    [InlineData("锦府发〔２０２６〕１３８号，编号 １３８－１２３４－５６７８－９０，共 １３８１ ２３４ ５６７８ 件，２０２６－１２－０７ 起施行")]
    [InlineData("文号 ２０２６年第１３９１２号，订单 ２０１３０１２３４５６７８９０，系数 １．１３８１２３４５６７８")]
    [InlineData("价格 ＋８６ 元，增长 ＋８６％，＋８６ ２８ 元，８６ ２８ ８７６５４３２１ 元")]
    public void Mask_LeavesFullWidthAmountsArticlesDatesAndNumbers_AsWritten(string text) =>
        Assert.Equal(text, CommentText.Mask(text));

    [Theory]
    [InlineData("补贴 1,380,000 元，合计 13,812,345,678 元，第 138 条第 1234 款，2026 年 5678 户")]
    [InlineData("锦府发〔2026〕138号，编号 138-1234-5678-90，共 1381 234 5678 件，2026-12-07 起施行")]
    [InlineData("电话费 1,380,000 元，热线服务 2026 年 138 万次，联系 12 个部门")]
    [InlineData("价格 ＋86 元，增长 ＋86%，＋86 28 元")]
    public void Mask_LeavesAmountsArticlesYearsAndDocumentNumbers_AsWritten(string text) =>
        Assert.Equal(text, CommentText.Mask(text));

    /// <summary>Only +86 or 0086 makes a landline of an area code without its 0: the numbers beside 86 here stay as written.</summary>
    [Theory]
    [InlineData("锦府发〔2026〕12号，川府规〔2025〕86号，依据第86条第28款")]
    [InlineData("收费 86 元，28 8765 4321 份，营业时间 0800-1200 1400-1800，2026-12-06 起施行")]
    [InlineData("标准 GB 50086-2015 第 10 6512 条，增长 +86%，86 28 87654321 元")]
    [InlineData("价格 +86 元，+86 28 元，编号 0086-2026-12345678")]
    public void Mask_LeavesNumbersBesideEightySix_AsWritten(string text) =>
        Assert.Equal(text, CommentText.Mask(text));

    [Theory]
    [InlineData("意见\u0000正文", "意见正文")]
    [InlineData("第一页\f第二页\v第三行", "第一页\n第二页\n第三行")]
    [InlineData("制表\t换行\r\n保留", "制表\t换行\r\n保留")]
    [InlineData("控制\u0001\u001f\u007f\u0085字符", "控制字符")]
    [InlineData("非字符\uffff", "非字符")]
    public void PlainText_DropsControlCharacters_KeepsLineBreaksAndPairs(string text, string expected) =>
        Assert.Equal(expected, PlainText.Clean(text));

    [Fact]
    public void PlainText_KeepsSurrogatePairs_AndDropsHalfOfOne() =>
        Assert.Equal("表情😀保留，半个代理丢弃", PlainText.Clean("表情😀保留，半个" + '\ud83d' + "代理" + '\ude00' + "丢弃"));

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

    [Theory]
    [InlineData(true, "张三", "zh-CN", "张三")]
    [InlineData(false, "张三", "zh-CN", "匿名")]
    [InlineData(true, "", "zh-CN", "匿名")]
    [InlineData(false, "张三", "en", "Anonymous")]
    public void AComment_IsShownUnderItsAuthorsName_OnlyWhenTheyAgreedAndGaveOne(bool publishName, string name, string culture, string shown)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(shown, Labels.Author(Text, publishName, name));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
        Assert.Equal(shown == name, Labels.ShowsName(publishName, name));
        Assert.Equal(shown == name ? name : "匿名", Labels.Author(publishName, name, "匿名"));
    }
}
