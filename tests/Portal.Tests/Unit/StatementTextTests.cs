using Portal.Core.Localization;
using Portal.Statements.Model;

namespace Portal.Tests.Unit;

public sealed class StatementTextTests
{
    private static readonly TextCatalog Text = new(Path.Combine(AppContext.BaseDirectory, "Localization"));

    [Theory]
    [InlineData("![](a.png)")]
    [InlineData("正文 ![ ](a.png) 正文")]
    [InlineData("<img src=\"a.png\">")]
    [InlineData("<img src=\"a.png\" alt=\"\">")]
    [InlineData("[![](a.png)](https://example.gov.cn)")]
    public void ImageWithoutAltText_IsRefused_OnTheBodyField(string markdown)
    {
        var refusal = StatementText.CheckBody(markdown, Text);
        Assert.NotNull(refusal);
        Assert.Equal("Body", refusal.Field);
        Assert.Equal(422, refusal.Status);
    }

    [Theory]
    [InlineData("![检查人员抽检蔬菜](a.png)")]
    [InlineData("<img src=\"a.png\" alt=\"检查现场\">")]
    [InlineData("没有图片的正文。")]
    [InlineData("")]
    public void TextWithDescribedImagesOrNone_IsAccepted(string markdown) => Assert.Null(StatementText.CheckBody(markdown, Text));

    [Fact]
    public void QuestionBlocks_DropBlankRows_AndNeedBothQuestionAndAnswer()
    {
        var cleaned = StatementText.Clean([new QaBlock(" ", "", "", "", ""), new QaBlock("记者", "锦城日报", " 问题 ", "发言人", "回答")]);
        Assert.Equal([new QaBlock("记者", "锦城日报", "问题", "发言人", "回答")], cleaned);
        var refusal = StatementText.CheckQuestions([new QaBlock("记者", "锦城日报", "只有问题", "", "")], Text);
        Assert.Equal("Questions", refusal?.Field);
    }

    [Fact]
    public void Visibility_NeedsAReleasedStateAndItsTime()
    {
        var now = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
        Assert.False(new Statement { State = StatementState.Scheduled, PublishUtc = now.AddSeconds(1) }.IsPublicAt(now));
        Assert.True(new Statement { State = StatementState.Scheduled, PublishUtc = now }.IsPublicAt(now));
        Assert.False(new Statement { State = StatementState.Approved, PublishUtc = now.AddDays(-1) }.IsPublicAt(now));
        Assert.True(new Statement { State = StatementState.Retracted, PublishUtc = now.AddDays(-1) }.IsPublicAt(now));
    }
}
