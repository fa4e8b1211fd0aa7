using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Consultations.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Several nodes behind a load balancer (README, Operations): every request reaches a node from the balancer's address,
/// over plain HTTP. The proxies listed in <c>Portal:ForwardedHeaders</c> say who the citizen is and whether the citizen
/// used HTTPS; an address not listed cannot.
/// </summary>
public sealed class ReverseProxyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private const string Balancer = "10.0.0.5";
    private const string Domain = "http://www.scjgj.jincheng.gov.cn";

    private static PortalFactory Site(FakeTimeProvider clock, IDictionary<string, string?> proxies) =>
        new(clock: clock, settings: new Dictionary<string, string?>(proxies)
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Consultations:CommentsPerIpPerMinute"] = "2",
            ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
        }, testServices: PeerAddress.FromTestHeader);

    private static string SourceHash(string address) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..32];

    private static Dictionary<string, string> Forwarded(string client, string proto = "http") =>
        new() { ["X-Forwarded-For"] = client, ["X-Forwarded-Proto"] = proto };

    [Fact]
    public async Task CommentLimit_BehindATrustedBalancer_CountsEachCitizenByTheirOwnAddress()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock, new Dictionary<string, string?> { ["Portal:ForwardedHeaders:KnownProxies:0"] = Balancer });
        await ConsultationTests.PublishedDraftAsync(site, "behind-balancer", TimeSpan.FromDays(7));

        var first = site.ClientFrom(Balancer, Forwarded("203.0.113.7"));
        Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(first, "behind-balancer", "意见一", "a1@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(first, "behind-balancer", "意见二", "a2@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ConsultationTests.CommentAsync(first, "behind-balancer", "意见三", "a3@example.com")).StatusCode);
        // Addresses the citizen writes in front of their own are not believed: the balancer vouches only for the last hop.
        for (var i = 1; i <= 3; i++)
        {
            var spoofing = site.ClientFrom(Balancer, Forwarded($"198.51.100.{i}, 203.0.113.7"));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await ConsultationTests.CommentAsync(spoofing, "behind-balancer", $"换地址{i}", $"s{i}@example.com")).StatusCode);
        }

        // Another citizen behind the same balancer has a limit of their own.
        var second = site.ClientFrom(Balancer, Forwarded("203.0.113.8"));
        Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(second, "behind-balancer", "另一位市民的意见", "b@example.com")).StatusCode);

        var sources = await site.WithDbAsync(db => db.Set<Comment>().OrderBy(c => c.Id).Select(c => c.SourceHash).ToListAsync());
        Assert.Equal([SourceHash("203.0.113.7"), SourceHash("203.0.113.7"), SourceHash("203.0.113.8")], sources);
    }

    [Fact]
    public async Task BehindABalancerEndingHttps_HstsIsSent_AndFeedsAndTheSitemapLinkToHttps()
    {
        var clock = new FakeTimeProvider(Start);
        // Ranges, written as one comma-separated value (the environment-variable form).
        using var site = Site(clock, new Dictionary<string, string?> { ["Portal:ForwardedHeaders:KnownNetworks"] = "192.0.2.0/24, 10.0.0.0/24" });
        var reader = site.ClientFrom(Balancer, Forwarded("203.0.113.7", "https"), Domain);

        using var home = await reader.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(home.Headers.Contains("Strict-Transport-Security"), "no HSTS although the citizen used HTTPS");
        var https = Domain.Replace("http://", "https://", StringComparison.Ordinal);
        foreach (var (url, expected) in new[]
        {
            ("/feeds/statements.atom", $"href=\"{https}/statements\""),
            ("/feeds/sections/decisions.atom", $"<id>{https}/feeds/sections/decisions.atom</id>"),
            ("/sitemap.xml", $"<loc>{https}/</loc>"),
            ("/robots.txt", $"Sitemap: {https}/sitemap.xml"),
        })
        {
            var body = await reader.GetStringAsync(url);
            Assert.Contains(expected, body);
            Assert.DoesNotContain(Domain + "/", body);
        }

        // The same site reached over plain HTTP through the balancer keeps its own cached copies.
        var plain = site.ClientFrom(Balancer, Forwarded("203.0.113.7"), Domain);
        Assert.Contains($"<loc>{Domain}/</loc>", await plain.GetStringAsync("/sitemap.xml"));
        Assert.False((await plain.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("198.51.100.20", "10.0.0.5")]
    [InlineData("10.0.0.5", null)]
    public async Task ForwardedHeaders_FromAnAddressNotListed_AreIgnored(string peer, string? listed)
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock, listed is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Portal:ForwardedHeaders:KnownProxies"] = listed });
        await ConsultationTests.PublishedDraftAsync(site, "not-listed", TimeSpan.FromDays(7));

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            var client = site.ClientFrom(peer, Forwarded($"203.0.113.{i}", "https"), Domain);
            statuses.Add((await ConsultationTests.CommentAsync(client, "not-listed", $"意见{i}", $"n{i}@example.com")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.All(await site.WithDbAsync(db => db.Set<Comment>().Select(c => c.SourceHash).ToListAsync()), hash => Assert.Equal(SourceHash(peer), hash));

        var reader = site.ClientFrom(peer, Forwarded("203.0.113.9", "https"), Domain);
        Assert.False((await reader.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
        Assert.Contains($"<loc>{Domain}/</loc>", await reader.GetStringAsync("/sitemap.xml"));
    }

    [Fact]
    public async Task IPv6Clients_AreCountedByTheirSlash64_SoRotatingAddressesDoesNotEscapeTheLimit()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock, new Dictionary<string, string?>());
        await ConsultationTests.PublishedDraftAsync(site, "ipv6", TimeSpan.FromDays(7));

        // One phone's /64, a new privacy address for every submission.
        var statuses = new List<HttpStatusCode>();
        foreach (var (address, i) in new[] { "2001:db8:1:2::a", "2001:db8:1:2:ffff:1:2:3", "2001:db8:1:2::c" }.Select((a, i) => (a, i)))
        {
            statuses.Add((await ConsultationTests.CommentAsync(site.ClientFrom(address), "ipv6", $"意见{i}", $"v{i}@example.com")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);

        // The neighbouring /64 is someone else.
        Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(site.ClientFrom("2001:db8:1:3::a"), "ipv6", "邻居的意见", "w@example.com")).StatusCode);
    }
}
