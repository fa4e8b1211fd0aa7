using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>What the journeys do as the administrator, through the staff pages (Chinese UI, the default language).</summary>
internal static partial class Staff
{
    /// <summary>Authenticator keys the "phone" holds, per site (base URL) and user, read from the enrollment page.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthenticatorKeys = new();

    /// <summary>The administrator's session cookies once signed in, per site and user, as a browser profile keeps them.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Cookie>> Sessions = new();

    /// <summary>
    /// Signs the administrator in: password, then the authenticator code. The first time on a site the administrator is
    /// sent to enroll (two-factor sign-in is required for administrators): read the key from the page, enter the code
    /// the app would show, see the recovery codes once, continue. Later journeys on the same site reuse that session's
    /// cookies, as a browser that stayed signed in does (a code works once, so a fresh sign-in within the same 30 s
    /// would wait for the next code); if the session no longer works they sign in again.
    /// </summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/admin/login");
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        var site = origin + "|" + PortalServer.AdminUserName;
        if (Sessions.TryGetValue(site, out var cookies))
        {
            await page.Context.AddCookiesAsync(cookies);
            await page.GotoAsync("/admin");
            if (AdminHome().IsMatch(new Uri(page.Url).AbsolutePath))
            {
                return;
            }
            await page.GotoAsync("/admin/login");
        }
        await page.GetByLabel("用户名").FillAsync(PortalServer.AdminUserName);
        await page.GetByLabel("密码").FillAsync(PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SecondStep());
        if (page.Url.Contains("/admin/login/two-factor", StringComparison.Ordinal))
        {
            Assert.True(AuthenticatorKeys.TryGetValue(site, out var key), "the administrator has two-factor sign-in, but no test enrolled it");
            await page.GetByLabel("验证码或恢复码").FillAsync(await Portal.Tests.Support.Totp.FreshCodeAsync(site, key!, TimeProvider.System));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证", Exact = true }).ClickAsync();
        }
        else
        {
            var shown = (await page.GetByTestId("shared-key").TextContentAsync())?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            Assert.False(string.IsNullOrEmpty(shown), "the enrollment page showed no key");
            // The QR code, read back from the pixels as a phone's camera would, carries the same otpauth link as the page.
            var link = await page.GetByTestId("authenticator-uri").GetAttributeAsync("href");
            Assert.Contains("secret=" + shown, link, StringComparison.Ordinal);
            Assert.Equal(link, await QrCodes.ReadAsync(page.GetByTestId("authenticator-qr")));
            await ScreenshotAsync(page, "admin-two-factor-enroll");
            await page.GetByLabel("应用中的验证码").FillAsync(await Portal.Tests.Support.Totp.FreshCodeAsync(site, shown!, TimeProvider.System));
            await page.GetByRole(AriaRole.Button, new() { Name = "开启", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
            AuthenticatorKeys[site] = shown!;
            await ScreenshotAsync(page, "admin-two-factor-recovery-codes");
            await page.GetByRole(AriaRole.Link, new() { Name = "继续", Exact = true }).ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(AdminHome());
        Sessions[site] = [.. (await page.Context.CookiesAsync([origin])).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        })];
    }

    /// <summary>Staff screens and journey pages, for people to look at (beside the other screenshots).</summary>
    internal static Task ScreenshotAsync(IPage page, string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }
        return root is null ? Task.CompletedTask
            : page.ScreenshotAsync(new() { Path = Path.Combine(root.FullName, "tests", "Portal.EndToEnd", "bin", "screenshots", name + ".png"), FullPage = true });
    }

    /// <summary>
    /// At /admin/settings: choose a theme (the radio labelled "name (NameEn) — description", value = theme id) and
    /// save; the page confirms.
    /// </summary>
    public static async Task SetThemeAsync(IPage page, string themeId, string themeNameEn)
    {
        await page.GotoAsync("/admin/settings");
        var radio = page.GetByRole(AriaRole.Radio, new() { Name = $"({themeNameEn})" });
        await Expect(radio).ToHaveAttributeAsync("value", themeId);
        await Expect(radio).ToHaveAttributeAsync("name", "ActiveTheme");
        await radio.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/settings$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("设置已保存");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = $"({themeNameEn})" })).ToBeCheckedAsync();
    }

    public static Task UseCareThemeAsync(IPage page) => SetThemeAsync(page, "care", "Care");

    public static Task UseCivicThemeAsync(IPage page) => SetThemeAsync(page, "civic", "Civic");

    /// <summary>Creates an API token at /admin/tokens and returns its secret (shown once).</summary>
    public static async Task<string> CreateApiTokenAsync(IPage page, string name)
    {
        await page.GotoAsync("/admin/tokens");
        await page.GetByLabel("令牌名称").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建令牌", Exact = true }).ClickAsync();
        var secret = (await page.GetByTestId("new-token").TextContentAsync())?.Trim();
        Assert.False(string.IsNullOrEmpty(secret), "/admin/tokens showed no new token.");
        return secret!;
    }

    [GeneratedRegex("/admin/?$")]
    private static partial Regex AdminHome();

    [GeneratedRegex("/admin/(two-factor|login/two-factor)")]
    private static partial Regex SecondStep();
}
