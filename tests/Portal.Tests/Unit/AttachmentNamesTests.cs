using Portal.Disclosure.Public;

namespace Portal.Tests.Unit;

public sealed class AttachmentNamesTests
{
    [Theory]
    [InlineData("实施办法全文（PDF）", "PDF", "实施办法全文")]
    [InlineData("2025年政府信息公开工作年度报告（PDF版）", "PDF", "2025年政府信息公开工作年度报告")]
    [InlineData("Rules (pdf)", "PDF", "Rules")]
    [InlineData("申请书（空白表）", "DOCX", "申请书（空白表）")]
    [InlineData("申请书（PDF）", "DOCX", "申请书（PDF）")]
    [InlineData("（PDF）", "PDF", "（PDF）")]
    public void Title_DropsOnlyAClosingBracketThatRepeatsTheType(string title, string type, string expected) =>
        Assert.Equal(expected, AttachmentNames.Title(title, type));

    [Theory]
    [InlineData("实施办法全文（PDF）", "one-window-rules.pdf", "PDF", "实施办法全文.pdf")]
    [InlineData("公司登记（备案）申请书（空白表）", "company-application.docx", "DOCX", "公司登记（备案）申请书（空白表）.docx")]
    [InlineData("附件1：申请表/样表 \"A\"", "form.docx", "DOCX", "附件1：申请表 样表 A.docx")]
    [InlineData("notice.pdf", "notice.pdf", "PDF", "notice.pdf")]
    [InlineData("  ", "notice.pdf", "PDF", "notice.pdf")]
    [InlineData(null, "notice.pdf", "PDF", "notice.pdf")]
    [InlineData("…", "data.xlsx", "XLSX", "….xlsx")]
    public void Download_IsTheTitleWithTheStoredExtension_SafeForAnyFileSystem(string? title, string fileName, string type, string expected) =>
        Assert.Equal(expected, AttachmentNames.Download(title, fileName, type));

    [Fact]
    public void Download_KeepsALongTitleToAHundredCharactersWithoutSplittingACharacter()
    {
        var name = AttachmentNames.Download(new string('文', 99) + "𠀀𠀀", "a.pdf", "PDF");
        Assert.Equal(new string('文', 99) + ".pdf", name);
    }
}
