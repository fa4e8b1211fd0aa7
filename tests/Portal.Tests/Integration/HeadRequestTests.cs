using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>HEAD is answered like GET without the body, and a HEAD that fills the page cache leaves a whole page in it.</summary>
public sealed class HeadRequestTests(SharedSite site) : IClassFixture<SharedSite>
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> HeadAsync(string url)
    {
        var response = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sections/policies")]
    [InlineData("/hearings")]
    [InlineData("/consultations")]
    [InlineData("/feeds/sections/policies.atom")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/health")]
    public async Task Head_AnswersLikeGet_WithoutTheBody(string url)
    {
        var (head, body) = await HeadAsync(url);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(body);
        var get = await site.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_OfADocumentNotYetCached_LeavesTheWholePageForTheNextGet()
    {
        var section = await site.Client.GetStringAsync("/sections/policies");
        var link = System.Text.RegularExpressions.Regex.Match(section, "href=\"(/documents/[^\"?#]+)\"").Groups[1].Value;
        Assert.NotEmpty(link);
        var (head, body) = await HeadAsync(link);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(body);
        var page = await site.Client.GetStringAsync(link);
        Assert.Contains("</html>", page);
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync("/documents/no-such-document")).Response.StatusCode);
    }
}
