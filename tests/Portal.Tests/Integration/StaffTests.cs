using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Core.Settings;
using Portal.Identity.Tokens;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class StaffTests(SharedSite site) : IClassFixture<SharedSite>
{
    private static object NewDocument(string slug, string section = "news") => new
    {
        sectionSlug = section,
        title = "关于开展2026年度计量器具专项检查的通知",
        slug,
        docNumber = "锦市监发〔2026〕99号",
        issuingBody = "锦城市市场监督管理局",
        validity = "InForce",
        topics = "计量, 专项检查",
        summary = "专项检查安排",
        bodyMarkdown = "## 一、检查范围\n\n集贸市场在用的计价秤。<script>alert(1)</script>",
    };

    [Fact]
    public async Task AdminApi_WithoutToken_Is401()
    {
        var response = await site.Factory.CreateClient().GetAsync("/api/v1/admin/documents");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_TokenWithoutThePermission_Is403()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("moderator"));
        var response = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("moderator-try"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Editor_CreatesAndPublishes_AndThePublicSeesSanitizedBody()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("editor"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("metering-check-2026"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/documents/metering-check-2026")).StatusCode);

        var published = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var html = await site.Client.GetStringAsync("/documents/metering-check-2026");
        Assert.Contains("集贸市场在用的计价秤", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("锦市监发〔2026〕99号", html);
    }

    [Fact]
    public async Task DecisionOfficer_CanWriteButNotPublish()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("decisions"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("decision-officer-draft", "decisions"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var publish = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Fact]
    public async Task PublishedDocument_ChangeNeedsANote_AndShowsUpdatedOnWithHistory()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("editor"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("corrected-notice"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });

        var edit = await client.PutAsJsonAsync($"/api/v1/admin/documents/{id}", NewDocument("corrected-notice"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        var noNote = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("ChangeNote", await noNote.Content.ReadAsStringAsync());

        var withNote = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { changeNote = "更正检查时间" });
        Assert.Equal(HttpStatusCode.OK, withNote.StatusCode);
        var html = await site.Client.GetStringAsync("/documents/corrected-notice");
        Assert.Contains("修改记录", html);
        Assert.Contains("更正检查时间", html);
    }

    [Fact]
    public async Task Unpublish_TakesThePageDown()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("editor"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("short-lived"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.OK, (await site.Client.GetAsync("/documents/short-lived")).StatusCode);
        await client.PostAsync($"/api/v1/admin/documents/{id}/unpublish", null);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/documents/short-lived")).StatusCode);
    }

    [Fact]
    public async Task AdminApi_InvalidInput_GivesProblemDetailsNot500()
    {
        var client = site.Factory.ApiClient(await site.Factory.TokenForAsync("editor"));
        var badSection = await client.PostAsJsonAsync("/api/v1/admin/documents", new { sectionSlug = "nope", title = "x", issuingBody = "", bodyMarkdown = "x", validity = "InForce" });
        Assert.Equal(HttpStatusCode.BadRequest, badSection.StatusCode);
        Assert.Contains("SectionSlug", await badSection.Content.ReadAsStringAsync());
        var notJson = await client.PostAsync("/api/v1/admin/documents", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var badSlug = await client.PostAsJsonAsync("/api/v1/admin/documents", NewDocument("Bad Slug!"));
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
    }

    [Fact]
    public async Task RevokedToken_IsRefused_AndOnlyItsHashIsStored()
    {
        var secret = await site.Factory.TokenForAsync("editor");
        var client = site.Factory.ApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/admin/documents")).StatusCode);
        using (var scope = site.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var token = await db.Set<ApiToken>().SingleAsync(t => t.Hash == ApiTokens.HashOf(secret));
            Assert.False(await db.Set<ApiToken>().AnyAsync(t => t.Hash == secret || t.Prefix == secret));
            await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAsync(token.UserId, token.Id, CancellationToken.None);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/documents")).StatusCode);
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_LockTheAccount()
    {
        var browser = site.Factory.CreateBrowserClient();
        using (var scope = site.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync("spokesperson");
            await users.RemovePasswordAsync(user!);
            await users.AddPasswordAsync(user!, "Right-Passw0rd-1");
        }
        for (var i = 0; i < 5; i++)
        {
            var failed = await browser.SignInAsync("spokesperson", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var locked = await browser.SignInAsync("spokesperson", "Right-Passw0rd-1");
        var html = await locked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("锁定", html);
    }

    [Fact]
    public async Task Admin_SignsIn_AndStaffPagesCheckPermissions()
    {
        var admin = site.Factory.CreateBrowserClient();
        var signIn = await admin.SignInAsync("admin", PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        foreach (var page in new[] { "/admin", "/admin/users", "/admin/roles", "/admin/settings", "/admin/tokens", "/admin/documents", "/admin/documents/edit", "/admin/sections" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
        }

        using (var scope = site.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync("moderator");
            await users.RemovePasswordAsync(user!);
            await users.AddPasswordAsync(user!, "Moderator-Passw0rd");
        }
        var moderator = site.Factory.CreateBrowserClient();
        await moderator.SignInAsync("moderator", "Moderator-Passw0rd");
        var denied = await moderator.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/admin/denied", denied.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        var anonymous = await site.Factory.CreateBrowserClient().GetAsync("/admin/documents");
        Assert.StartsWith("/admin/login", anonymous.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// "Use the staff area" comes with any permission: a role whose administrator unticked it but left it "Moderate
    /// comments" still opens the dashboard it is sent to after signing in, its own tokens and its screens; a role with no
    /// permission at all opens nothing.
    /// </summary>
    [Fact]
    public async Task AnyPermission_OpensTheDashboard_AndNoPermissionOpensNothing()
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        factory.CreateClient();
        using (var scope = factory.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var moderator = (await roles.FindByNameAsync(StaffRoles.Moderator))!;
            Assert.True((await roles.RemoveClaimAsync(moderator, new System.Security.Claims.Claim(PermissionClaim.Type, Portal.Identity.IdentityPermissions.Staff))).Succeeded);
            Assert.Contains(await roles.GetClaimsAsync(moderator), c => c.Type == PermissionClaim.Type);
            var spokesperson = (await roles.FindByNameAsync(StaffRoles.Spokesperson))!;
            foreach (var claim in await roles.GetClaimsAsync(spokesperson))
            {
                Assert.True((await roles.RemoveClaimAsync(spokesperson, claim)).Succeeded);
            }
            foreach (var (name, role) in new[] { ("mod1", StaffRoles.Moderator), ("nobody", StaffRoles.Spokesperson) })
            {
                var user = new StaffUser { UserName = name, DisplayName = name, CreatedUtc = DateTimeOffset.UtcNow };
                Assert.True((await users.CreateAsync(user, "Staff-Passw0rd-1")).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        var moderatorClient = factory.CreateBrowserClient();
        await moderatorClient.SignInAsync("mod1", "Staff-Passw0rd-1");
        foreach (var page in new[] { "/admin", "/admin/tokens", "/admin/consultations" })
        {
            Assert.Equal(HttpStatusCode.OK, (await moderatorClient.GetAsync(page)).StatusCode);
        }
        Assert.Contains("/admin/consultations", await moderatorClient.GetStringAsync("/admin"));
        var denied = await moderatorClient.GetAsync("/admin/users");
        Assert.StartsWith("/admin/denied", denied.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);

        var nobody = factory.CreateBrowserClient();
        await nobody.SignInAsync("nobody", "Staff-Passw0rd-1");
        foreach (var page in new[] { "/admin", "/admin/tokens" })
        {
            var refused = await nobody.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/admin/denied", refused.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task StaffForm_WithoutAntiforgeryToken_IsRefused()
    {
        var admin = site.Factory.CreateBrowserClient();
        await admin.SignInAsync("admin", PortalFactory.AdminPassword);
        var response = await admin.PostAsync("/admin/settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["ActiveTheme"] = "care" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Theme_SwitchesToCareWithoutARestart()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        Assert.Contains("/themes/civic/site.css", await client.GetStringAsync("/"));
        await factory.Services.GetRequiredService<ISiteSettings>().SetAsync(new Dictionary<string, string> { [SiteSettingKeys.ActiveTheme] = "care" });
        var html = await client.GetStringAsync("/sections/news");
        Assert.Contains("/themes/civic/site.css", html);
        Assert.Contains("/themes/care/care.css", html);
        Assert.Contains("class=\"theme-care\"", html);
    }
}

public sealed class SchedulingTests
{
    [Fact]
    public async Task ScheduledDocument_AppearsAtItsTimeWithoutAnyoneActing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new PortalFactory(clock: clock);
        var client = factory.ApiClient(await factory.TokenForAsync("editor"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "news", title = "定时发布的新闻", slug = "scheduled-news", issuingBody = "锦城市市场监督管理局",
            validity = "InForce", bodyMarkdown = "正文",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var at = clock.GetUtcNow().AddHours(2);
        var scheduled = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { publishUtc = at });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);

        var reader = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/documents/scheduled-news")).StatusCode);
        Assert.DoesNotContain("定时发布的新闻", await reader.GetStringAsync("/sections/news"));
        Assert.DoesNotContain("scheduled-news", await reader.GetStringAsync("/api/v1/documents?section=news"));

        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/documents/scheduled-news")).StatusCode);
        Assert.Contains("定时发布的新闻", await reader.GetStringAsync("/sections/news"));
    }

    [Fact]
    public async Task Schedule_InThePast_IsRefusedWithAReason()
    {
        using var factory = new PortalFactory();
        var client = factory.ApiClient(await factory.TokenForAsync("editor"));
        var created = await client.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "news", title = "过去", issuingBody = "局", validity = "InForce", bodyMarkdown = "正文",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var response = await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { publishUtc = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PublishAt", await response.Content.ReadAsStringAsync());
    }
}
