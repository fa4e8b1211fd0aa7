using System.IO.Compression;
using Portal.Core;
using Portal.Disclosure.Model;

namespace Portal.Tests.Unit;

public sealed class AttachmentStoreTests
{
    private readonly AttachmentStore store = new(new PortalPaths("/repo", Support.TempDirectory.Create("portal-uploads")));

    [Fact]
    public async Task Pdf_IsAcceptedByItsContent_AndStoredUnderARandomName()
    {
        var (file, error) = await store.SaveAsync(new MemoryStream("%PDF-1.4\n%%EOF"u8.ToArray()), "../../etc/通知.pdf", CancellationToken.None);
        Assert.Null(error);
        Assert.Equal("application/pdf", file!.ContentType);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", file.StoredName);
    }

    [Theory]
    [InlineData("fake.pdf", "not a pdf at all")]
    [InlineData("page.html", "<html><script>alert(1)</script></html>")]
    public async Task FileWhoseContentDoesNotMatch_IsRefusedWithAMessage(string name, string content)
    {
        var (file, error) = await store.SaveAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), name, CancellationToken.None);
        Assert.Null(file);
        Assert.Contains("PDF, DOCX and XLSX", error);
    }

    [Fact]
    public async Task WordDocumentNamedAsSpreadsheet_IsRefused()
    {
        var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("word/document.xml");
        }
        docx.Position = 0;
        var (asXlsx, _) = await store.SaveAsync(docx, "table.xlsx", CancellationToken.None);
        Assert.Null(asXlsx);
        docx.Position = 0;
        var (asDocx, _) = await store.SaveAsync(docx, "form.docx", CancellationToken.None);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", asDocx!.ContentType);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\temp\\表格.xlsx", "表格.xlsx")]
    [InlineData("a\"b<c>.pdf", "abc.pdf")]
    public void FileNames_LoseTheirPathsAndUnsafeCharacters(string input, string expected) =>
        Assert.Equal(expected, AttachmentStore.SafeFileName(input));
}
