using Portal.Core.Text;

namespace Portal.Tests.Unit;

public sealed class RichTextTests
{
    [Fact]
    public void Markdown_KeepsStructure_AndDropsScriptsAndHandlers()
    {
        var html = RichText.MarkdownToSafeHtml("## 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>");
        Assert.Contains("<h2", html);
        Assert.Contains("<table>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    [Fact]
    public void PlainText_IsShortenedWithAnEllipsis()
    {
        var text = RichText.MarkdownToPlainText("# 标题\n\n" + new string('字', 300), 50);
        Assert.Equal(51, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void SiteClock_FormatsPublicationTimesInShanghaiTime()
    {
        Assert.Equal("2026-01-01 08:05", SiteClock.FormatDateTime(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero), SiteClock.FromLocal(new DateTime(2026, 1, 1, 8, 5, 0)));
    }
}
