using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Disclosure.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Attachments may be kept by browsers and shared caches, but only as copies to check back on: a file that is unpublished
/// or whose statement is retracted must stop being served at once, not an hour later.
/// </summary>
public sealed class AttachmentCachingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Asks for the file as a cache holding <paramref name="etag"/> would, when revalidating.</summary>
    private static async Task<HttpResponseMessage> RevalidateAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    /// <summary>A 200 that caches may store but must check with the site before every reuse; returns its validator.</summary>
    private static async Task<EntityTagHeaderValue> AssertRevalidatedEveryTimeAsync(HttpClient client, string url)
    {
        using var download = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var cacheControl = download.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.NoCache, $"{url}: Cache-Control: {cacheControl}");
        Assert.True(cacheControl.MaxAge is null || cacheControl.MaxAge == TimeSpan.Zero, $"{url}: Cache-Control: {cacheControl}");
        var etag = download.Headers.ETag;
        Assert.NotNull(etag);

        using var unchanged = await RevalidateAsync(client, url, etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        return etag;
    }

    [Fact]
    public async Task DocumentAttachment_AnswersNotModifiedWhilePublished_AndNotFoundOnceUnpublished()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock);
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var id = await PageCacheTests.PublishDocumentAsync(editor, "with-attachment", "锦城市附件缓存测试办法");
        string url;
        using (var scope = site.Services.CreateScope())
        {
            var (stored, error) = await scope.ServiceProvider.GetRequiredService<AttachmentStore>()
                .SaveAsync(new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()), "rules.pdf", CancellationToken.None);
            Assert.True(stored is not null, error);
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDb>();
            var row = new Attachment { DocumentId = id, Title = "办法全文", FileName = "rules.pdf", ContentType = stored!.ContentType, Size = stored.Size, StoredName = stored.StoredName, Sha256 = stored.Sha256 };
            db.Add(row);
            await db.SaveChangesAsync();
            url = $"/attachments/{row.Id}/rules.pdf";
        }
        var reader = site.CreateClient();
        var etag = await AssertRevalidatedEveryTimeAsync(reader, url);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/admin/documents/{id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RevalidateAsync(reader, url, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task StatementAttachment_AnswersNotModifiedWhilePublished_AndNotFoundOnceRetracted()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        Assert.Equal(HttpStatusCode.Created, (await StatementTests.DraftAsync(spokesperson, "release-with-file")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsync("/api/v1/admin/statements/release-with-file/publish", null)).StatusCode);
        var url = await StatementTests.AttachAsync(site, "release-with-file");
        var reader = site.CreateClient();
        var etag = await AssertRevalidatedEveryTimeAsync(reader, url);

        var retracted = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/release-with-file/retract", new { reason = "附件数据有误。" });
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RevalidateAsync(reader, url, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
    }
}
