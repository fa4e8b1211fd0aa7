using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Headers on every kind of response, cookies, HSTS under HTTPS, and the sign-in rate limit.</summary>
public sealed class SecurityTests(SharedSite site) : IClassFixture<SharedSite>
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{what}: X-Content-Type-Options");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single().Length > 0, $"{what}: Referrer-Policy");
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: Content-Security-Policy");
        var policy = csp!.Single();
        Assert.True(policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || policy.Contains("sandbox", StringComparison.Ordinal), $"{what}: framing allowed by {policy}");
        var script = Regex.Match(policy, "script-src([^;]*)").Groups[1].Value;
        Assert.DoesNotContain("unsafe-inline", script);
        Assert.DoesNotContain("unsafe-eval", script);
    }

    [Fact]
    public async Task EveryPageType_CarriesTheSecurityHeaders()
    {
        var client = site.Factory.CreateBrowserClient();
        var section = await client.GetStringAsync("/sections/policies");
        var document = Regex.Match(section, "href=\"(/documents/[^\"]+)\"").Groups[1].Value;
        var documentPage = await client.GetStringAsync(document);
        var attachment = Regex.Match(await client.GetStringAsync("/guides/company-establishment-registration"), "href=\"(/attachments/[^\"]+)\"").Groups[1].Value;
        var urls = new[]
        {
            "/", "/sections/policies", document, "/guides/company-establishment-registration", "/consultations",
            "/consultations/prepaid-card-consumer-protection-rules", "/search?q=登记", "/transparency/audit", "/accessibility", "/sitemap",
            "/no-such-page", "/documents/no-such-document", "/admin/login", "/admin", "/api/v1/consultations", "/api/v1/nothing-here",
            "/openapi/v1.json", "/health", attachment,
        };
        Assert.NotEmpty(documentPage);
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            AssertSecurityHeaders(response, url);
        }
    }

    [Fact]
    public async Task UnderHttps_CookiesAreSecureHttpOnlySameSite_AndHstsIsSent()
    {
        var client = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://www.scjgj.jincheng.gov.cn"), AllowAutoRedirect = false });
        using var login = await client.GetAsync("/admin/login");
        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS under HTTPS");
        Assert.Contains("max-age=", hsts!.Single());
        // Cookies being set (not the expired ones that clear a value).
        var cookies = login.Headers.GetValues("Set-Cookie").Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c =>
        {
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite", c, StringComparison.OrdinalIgnoreCase);
        });

        var plain = site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var overHttp = await plain.GetAsync("/");
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP");
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerAddress_With429AndRetryAfter_AndRecovers()
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Identity:SignInsPerIpPerMinute"] = "3",
            ["Portal:Identity:SignInWindowSeconds"] = "3",
        });
        var client = factory.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.SignInAsync("admin", "wrong-password-" + i)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var page = await client.GetStringAsync("/admin/login");
        using var refused = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = "x", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Contains("秒", await refused.Content.ReadAsStringAsync());

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("admin", PortalFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task StaffApi_WithMissingFields_KeepsAnIncompleteDraft_AndRefusesToPublishIt_NeverA500()
    {
        var api = site.Factory.ApiClient(await site.Factory.TokenForAsync("editor"));
        using var saved = await api.PostAsync("/api/v1/admin/documents",
            new StringContent("{\"sectionSlug\":\"news\",\"title\":\"只有标题\",\"validity\":\"InForce\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var publisher = site.Factory.ApiClient(await site.Factory.TokenForAsync("admin"));
        using var published = await publisher.PostAsync($"/api/v1/admin/documents/{id}/publish",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True((int)published.StatusCode is >= 400 and < 500, $"{(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", published.Content.Headers.ContentType?.MediaType);
    }
}
