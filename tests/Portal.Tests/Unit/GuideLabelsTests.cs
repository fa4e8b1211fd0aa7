using System.Globalization;
using Portal.Core.Localization;
using Portal.Disclosure.Public;

namespace Portal.Tests.Unit;

public sealed class GuideLabelsTests
{
    private static readonly TextCatalog Text = new(Path.Combine(AppContext.BaseDirectory, "Localization"));

    [Theory]
    [InlineData("免收（自2017年4月1日起停征）", true)]
    [InlineData("免费（由政府购买服务承担）", true)]
    [InlineData(" 不收费", true)]
    [InlineData("停征", true)]
    [InlineData("纸质申请 300 元；网上申请 270 元", false)]
    [InlineData("一般不收费。按件计收：同一申请人一个自然月内 10 件以下（含）不收费，11—30 件部分 100 元/件", false)]
    public void ChargesNothing_OnlyForAWaivedStandard(string standard, bool free) =>
        Assert.Equal(free, Labels.ChargesNothing(standard));

    [Fact]
    public void LinkAddresses_MakesEveryWebAddressALink_AndLeavesTheRestText()
    {
        var parts = Labels.LinkAddresses("锦城市政务服务网 https://zwfw.example.gov.cn/qy（企业专区）；“锦城办事”App");
        Assert.Equal(
            [("锦城市政务服务网 ", null), ("https://zwfw.example.gov.cn/qy", "https://zwfw.example.gov.cn/qy"), ("（企业专区）；“锦城办事”App", null)],
            parts.Select(p => (p.Text, p.Url)));
        Assert.Equal([("锦城市市场主体登记全程电子化平台", null)], Labels.LinkAddresses("锦城市市场主体登记全程电子化平台").Select(p => (p.Text, p.Url)));
        Assert.Equal([("javascript:alert(1)", (string?)null)], Labels.LinkAddresses("javascript:alert(1)").Select(p => (p.Text, p.Url)));
        Assert.Empty(Labels.LinkAddresses(""));
    }

    [Fact]
    public void WorkingDays_AgreeWithTheNumberInEnglish_AndHaveOneFormInChinese()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("1 working day", Labels.WorkingDays(Text, 1));
            Assert.Equal("3 working days", Labels.WorkingDays(Text, 3));
            Assert.Equal("working day", Labels.WorkingDaysUnit(Text, 1));
            Assert.Equal("working days", Labels.WorkingDaysUnit(Text, 0));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("1 个工作日", Labels.WorkingDays(Text, 1));
            Assert.Equal("个工作日", Labels.WorkingDaysUnit(Text, 15));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
