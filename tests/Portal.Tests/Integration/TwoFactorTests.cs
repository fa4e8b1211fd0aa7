using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Audit.Model;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity.Tokens;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>TOTP two-factor sign-in (RFC 6238): required for administrators, optional for other staff.</summary>
public sealed class TwoFactorTests
{
    /// <summary>A site on a clock the test moves: a code works once, so a second sign-in needs the next 30 s step.</summary>
    private static PortalFactory NewSite(int signInsPerMinute = 10, PostgresDatabase? database = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Identity:SignInsPerIpPerMinute"] = signInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        database?.Use(settings);
        return new(clock: new FakeTimeProvider(DateTimeOffset.UtcNow), settings: settings);
    }

    private static readonly TimeSpan NextCode = TimeSpan.FromSeconds(30);

    private static async Task<HttpResponseMessage> PasswordOnlyAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/admin/login");
        return await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        }));
    }

    private static async Task<List<string>> AuditActionsAsync(PortalFactory site, string userName) =>
        await site.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityKey == userName).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Administrator_WithoutTwoFactor_IsSentToEnrollment_AndReachesNothingElse()
    {
        using var site = NewSite();
        var client = site.CreateBrowserClient();
        var signIn = await PasswordOnlyAsync(client, "admin", PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/admin/two-factor", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        foreach (var path in new[] { "/admin", "/admin/users", "/admin/roles", "/admin/settings", "/admin/tokens", "/admin/audit", "/admin/documents" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.StartsWith("/admin/two-factor?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var enroll = await client.GetStringAsync("/admin/two-factor");
        Assert.Contains("系统管理员必须使用双重验证登录", enroll);
        Assert.Matches("data-testid=\"shared-key\">([a-z2-7]{4} ){7}[a-z2-7]{4}<", enroll);
        Assert.Contains("otpauth://totp/Portal:admin?secret=", enroll);
        // The same link as a QR code drawn inline (the end-to-end journey reads it back from the pixels).
        Assert.Matches("<svg class=\"qr\" data-testid=\"authenticator-qr\" viewBox=\"0 0 (\\d+) \\1\" role=\"img\" aria-label=\"[^\"]+\"[^>]*><path d=\"(M\\d+ \\d+h\\d+v1h-\\d+z)+\" />", enroll);
        Assert.DoesNotContain("/admin/users", enroll);

        // No API token either: the form post is sent to enrollment and nothing is created.
        var create = await client.PostAsync("/admin/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "sneaky", ["Days"] = "1", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(enroll),
        }));
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.StartsWith("/admin/two-factor", create.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<ApiToken>().CountAsync()));

        // Once enrolled, the same session reaches everything.
        await client.EnrollTwoFactorAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/tokens")).StatusCode);
        Assert.Contains("two-factor-enrolled", await AuditActionsAsync(site, "admin"));
    }

    [Fact]
    public async Task EnrolledAdministrator_SignsInWithTheCode_AndAWrongCodeIsRefusedAndCountsTowardLockout()
    {
        using var site = NewSite();
        var first = site.CreateBrowserClient();
        await first.SignInAsync("admin", PortalFactory.AdminPassword);
        var key = first.AuthenticatorKey("admin")!;
        site.Clock!.Advance(NextCode);

        var client = site.CreateBrowserClient();
        var password = await PasswordOnlyAsync(client, "admin", PortalFactory.AdminPassword);
        Assert.StartsWith("/admin/login/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The password alone signs nobody in.
        Assert.StartsWith("/admin/login", (await client.GetAsync("/admin/users")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        var right = Totp.Code(key);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await client.SubmitTwoFactorCodeAsync(wrong);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("验证码不正确", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await site.WithDbAsync(async db => (await db.Set<StaffUser>().SingleAsync(u => u.UserName == "admin")).AccessFailedCount));
        Assert.StartsWith("/admin/login", (await client.GetAsync("/admin/users")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        var accepted = await client.SubmitTwoFactorCodeAsync(await client.FreshAuthenticatorCodeAsync("admin"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        var actions = await AuditActionsAsync(site, "admin");
        Assert.Contains("two-factor-failed", actions);
        Assert.Equal("sign-in", actions.Last(a => a is "sign-in" or "two-factor-failed"));

        // Five wrong codes lock the account: then even the right code is refused.
        var attacker = site.CreateBrowserClient();
        await PasswordOnlyAsync(attacker, "admin", PortalFactory.AdminPassword);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await attacker.SubmitTwoFactorCodeAsync(wrong);
        }
        Assert.Contains("账号已被锁定", await last.Content.ReadAsStringAsync());
        site.Clock.Advance(NextCode);
        var lockedOut = await attacker.SubmitTwoFactorCodeAsync(await attacker.FreshAuthenticatorCodeAsync("admin"));
        Assert.NotEqual(HttpStatusCode.Redirect, lockedOut.StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        using var site = NewSite();
        var first = site.CreateBrowserClient();
        await PasswordOnlyAsync(first, "admin", PortalFactory.AdminPassword);
        var codes = await first.EnrollTwoFactorAsync("admin");
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        var lostPhone = site.CreateBrowserClient();
        await PasswordOnlyAsync(lostPhone, "admin", PortalFactory.AdminPassword);
        var used = await lostPhone.SubmitTwoFactorCodeAsync(codes[3].ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lostPhone.GetAsync("/admin/users")).StatusCode);
        Assert.Contains("剩余恢复码：9 个", await lostPhone.GetStringAsync("/admin/two-factor"));

        var again = site.CreateBrowserClient();
        await PasswordOnlyAsync(again, "admin", PortalFactory.AdminPassword);
        var reused = await again.SubmitTwoFactorCodeAsync(codes[3]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("验证码不正确", await reused.Content.ReadAsStringAsync());
        Assert.StartsWith("/admin/login", (await again.GetAsync("/admin/users")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherStaff_MaySignInWithoutTwoFactor_AndAnAdministratorCanResetTheirs()
    {
        using var site = NewSite();
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var editor = new StaffUser { UserName = "editor2", DisplayName = "Editor", CreatedUtc = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(editor, "Editor-Passw0rd-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(editor, StaffRoles.Editor)).Succeeded);
        }
        var editorClient = site.CreateBrowserClient();
        var signIn = await PasswordOnlyAsync(editorClient, "editor2", "Editor-Passw0rd-1");
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync("/admin/documents")).StatusCode);
        Assert.Contains("双重验证登录未开启", await editorClient.GetStringAsync("/admin/two-factor"));

        // The editor turns it on by choice; from then on the code is asked.
        await editorClient.EnrollTwoFactorAsync("editor2");
        var later = site.CreateBrowserClient();
        Assert.StartsWith("/admin/login/two-factor", (await PasswordOnlyAsync(later, "editor2", "Editor-Passw0rd-1")).Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The phone is lost: an administrator resets it, and the editor signs in with the password again.
        var admin = site.CreateBrowserClient();
        await admin.SignInAsync("admin", PortalFactory.AdminPassword);
        var editorId = await site.WithDbAsync(async db => (await db.Set<StaffUser>().SingleAsync(u => u.UserName == "editor2")).Id);
        var form = await admin.GetStringAsync($"/admin/users/edit?id={editorId}");
        Assert.Contains("ResetTwoFactor", form);
        var saved = await admin.PostAsync($"/admin/users/edit?id={editorId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = editorId, ["UserName"] = "editor2", ["DisplayName"] = "Editor", ["Roles"] = StaffRoles.Editor, ["ResetTwoFactor"] = "true",
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var afterReset = site.CreateBrowserClient();
        Assert.Equal("/admin", (await PasswordOnlyAsync(afterReset, "editor2", "Editor-Passw0rd-1")).Headers.Location!.OriginalString);
        Assert.Contains("two-factor-reset", await AuditActionsAsync(site, "editor2"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AnAuthenticatorCode_SignsInOnce_EvenWhenSignInsRaceWithIt(string provider)
    {
        await using var database = provider == "Postgres" ? new PostgresDatabase() : null;
        // Fourteen sign-in posts from one address: above the per-address limit this test is not about.
        using var site = NewSite(signInsPerMinute: 100, database);
        var clock = site.Clock!;
        var phone = site.CreateBrowserClient();
        await phone.SignInAsync("admin", PortalFactory.AdminPassword);
        var key = phone.AuthenticatorKey("admin")!;

        // The code the enrollment used does not sign in again.
        var late = site.CreateBrowserClient();
        await PasswordOnlyAsync(late, "admin", PortalFactory.AdminPassword);
        var replayed = await late.SubmitTwoFactorCodeAsync(Totp.Code(key, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("验证码不正确或已使用过", await replayed.Content.ReadAsStringAsync());

        // A minute and a half later: a code two steps old (a phone's clock a minute behind) is refused, though its step
        // was never used; the current one signs in (and clears the failure count).
        clock.Advance(3 * NextCode);
        var stale = await late.SubmitTwoFactorCodeAsync(Totp.Code(key, clock.GetUtcNow() - 2 * NextCode));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var current = await late.SubmitTwoFactorCodeAsync(Totp.Code(key, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await late.GetAsync("/admin/users")).StatusCode);

        // Next step: three browsers send the same fresh code at once (the owner, and whoever read it over a shoulder).
        clock.Advance(NextCode);
        var code = Totp.Code(key, clock.GetUtcNow());
        var racers = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            var racer = site.CreateBrowserClient();
            await PasswordOnlyAsync(racer, "admin", PortalFactory.AdminPassword);
            racers.Add(racer);
        }
        var results = await Task.WhenAll(racers.Take(3).Select(r => r.SubmitTwoFactorCodeAsync(code)));
        // At most one wins. Identity fails an attempt whose lockout bookkeeping lost a race with another, so under a
        // race even the first may be refused (the owner then enters the next code); the rest see the form again.
        var statuses = string.Join(",", results.Select(r => (int)r.StatusCode));
        var winners = results.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.True(winners <= 1 && results.Count(r => r.StatusCode == HttpStatusCode.OK) == 3 - winners, statuses);
        var signedIn = 0;
        foreach (var racer in racers.Take(3))
        {
            signedIn += (await racer.GetAsync("/admin/users")).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        Assert.Equal(winners, signedIn);
        // Nor does the code work afterwards.
        var after = await racers[3].SubmitTwoFactorCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("验证码不正确或已使用过", await after.Content.ReadAsStringAsync());

        // Every refusal was recorded.
        var actions = await AuditActionsAsync(site, "admin");
        Assert.Equal(1 + 1 + (3 - winners) + 1, actions.Count(a => a == "two-factor-failed"));
    }
}
