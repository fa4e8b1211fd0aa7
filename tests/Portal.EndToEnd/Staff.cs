using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>What the journeys do as the administrator, through the staff pages (Chinese UI, the default language).</summary>
internal static partial class Staff
{
    /// <summary>Authenticator keys the "phone" holds, per site (base URL) and user, read from the enrollment page.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthenticatorKeys = new();

    /// <summary>
    /// Signs the administrator in: password, then the authenticator code. The first time on a site the administrator is
    /// sent to enroll (two-factor sign-in is required for administrators): read the key from the page, enter the code
    /// the app would show, see the recovery codes once, continue.
    /// </summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("用户名").FillAsync(PortalServer.AdminUserName);
        await page.GetByLabel("密码").FillAsync(PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SecondStep());
        var site = new Uri(page.Url).GetLeftPart(UriPartial.Authority) + "|" + PortalServer.AdminUserName;
        if (page.Url.Contains("/admin/login/two-factor", StringComparison.Ordinal))
        {
            Assert.True(AuthenticatorKeys.TryGetValue(site, out var key), "the administrator has two-factor sign-in, but no test enrolled it");
            await page.GetByLabel("验证码或恢复码").FillAsync(Portal.Tests.Support.Totp.Code(key!));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证", Exact = true }).ClickAsync();
        }
        else
        {
            var shown = (await page.GetByTestId("shared-key").TextContentAsync())?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            Assert.False(string.IsNullOrEmpty(shown), "the enrollment page showed no key");
            await ScreenshotAsync(page, "admin-two-factor-enroll");
            await page.GetByLabel("应用中的验证码").FillAsync(Portal.Tests.Support.Totp.Code(shown!));
            await page.GetByRole(AriaRole.Button, new() { Name = "开启", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
            AuthenticatorKeys[site] = shown!;
            await ScreenshotAsync(page, "admin-two-factor-recovery-codes");
            await page.GetByRole(AriaRole.Link, new() { Name = "继续", Exact = true }).ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(AdminHome());
    }

    /// <summary>The staff screens of two-factor sign-in, for people to look at (beside the other screenshots).</summary>
    private static Task ScreenshotAsync(IPage page, string name)
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
