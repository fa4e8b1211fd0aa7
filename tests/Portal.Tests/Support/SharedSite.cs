using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Identity;
using Portal.Identity.Tokens;
using Microsoft.AspNetCore.Identity;

namespace Portal.Tests.Support;

/// <summary>One demo site shared by the read-only tests of a class (the demo recipe takes a moment to apply).</summary>
public sealed class SharedSite : IDisposable
{
    public SharedSite()
    {
        Factory = new PortalFactory();
        Client = Factory.CreateBrowserClient();
    }

    public PortalFactory Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

public static class StaffHelpers
{
    /// <summary>A fresh API token for a demo staff user, created the way the admin screen does.</summary>
    public static async Task<string> TokenForAsync(this PortalFactory factory, string userName)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user.Id, "test", null, CancellationToken.None);
        return secret;
    }

    public static HttpClient ApiClient(this PortalFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task WithDbAsync(this PortalFactory factory, Func<PortalDb, Task> action)
    {
        using var scope = factory.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    public static async Task<T> WithDbAsync<T>(this PortalFactory factory, Func<PortalDb, Task<T>> action)
    {
        using var scope = factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!match.Success)
        {
            match = System.Text.RegularExpressions.Regex.Match(html, "value=\"([^\"]+)\" name=\"__RequestVerificationToken\"");
        }
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in page");
    }

    private sealed record SiteClock(string Site, TimeProvider Clock);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, SiteClock> Sites = new();

    /// <summary>Authenticator keys read from the enrollment page, per site and user, as the staff member's phone keeps them.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Site, string User), string> AuthenticatorKeys = new();

    internal static void RememberSite(HttpClient client, string site, TimeProvider clock) => Sites.AddOrUpdate(client, new SiteClock(site, clock));

    private static SiteClock SiteOf(HttpClient client) =>
        Sites.TryGetValue(client, out var site) ? site : new SiteClock(client.BaseAddress?.ToString() ?? "", TimeProvider.System);

    public static string? AuthenticatorKey(this HttpClient client, string userName) =>
        AuthenticatorKeys.TryGetValue((SiteOf(client).Site, userName), out var key) ? key : null;

    /// <summary>The code the user's phone shows now for a step not entered before (<see cref="Totp.FreshCodeAsync"/>).</summary>
    public static Task<string> FreshAuthenticatorCodeAsync(this HttpClient client, string userName, string? key = null)
    {
        var (site, clock) = SiteOf(client);
        key ??= client.AuthenticatorKey(userName) ?? throw new InvalidOperationException($"{userName} has two-factor sign-in but this test never saw the key");
        return Totp.FreshCodeAsync(site + "|" + userName, key, clock);
    }

    /// <summary>
    /// Signs in through the staff pages like a person: the password, then the code from the authenticator app. An
    /// administrator without two-factor sign-in is sent to enroll first; this enrolls for real (reads the key from the
    /// page, computes the RFC 6238 code) and remembers the key for later sign-ins to the same site. Returns the
    /// password step's response (a redirect once the password is right).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/admin/login");
        var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        var location = response.Headers.Location?.OriginalString ?? "";
        if (location.StartsWith("/admin/two-factor", StringComparison.Ordinal))
        {
            await client.EnrollTwoFactorAsync(userName);
        }
        else if (location.StartsWith("/admin/login/two-factor", StringComparison.Ordinal))
        {
            using var second = await client.SubmitTwoFactorCodeAsync(await client.FreshAuthenticatorCodeAsync(userName));
            if (second.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"the authenticator code for {userName} was refused: {(int)second.StatusCode}");
            }
        }
        return response;
    }

    /// <summary>The second sign-in step with a code (from the app, or a recovery code).</summary>
    public static async Task<HttpResponseMessage> SubmitTwoFactorCodeAsync(this HttpClient client, string code)
    {
        var page = await client.GetStringAsync("/admin/login/two-factor");
        return await client.PostAsync("/admin/login/two-factor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    /// <summary>Enrolls the signed-in user's authenticator at /admin/two-factor; returns the recovery codes shown once.</summary>
    public static async Task<IReadOnlyList<string>> EnrollTwoFactorAsync(this HttpClient client, string userName)
    {
        var page = await client.GetStringAsync("/admin/two-factor");
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"shared-key\">([a-z2-7 ]+)<");
        if (!key.Success)
        {
            throw new InvalidOperationException("the enrollment page shows no key");
        }
        var secret = key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var verified = await client.PostAsync("/admin/two-factor?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = await client.FreshAuthenticatorCodeAsync(userName, secret),
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        var html = await verified.Content.ReadAsStringAsync();
        var codes = System.Text.RegularExpressions.Regex.Matches(
                html.Contains("data-testid=\"recovery-codes\"", StringComparison.Ordinal) ? html[html.IndexOf("data-testid=\"recovery-codes\"", StringComparison.Ordinal)..] : "",
                "<li><code>([^<]+)</code></li>")
            .Select(m => m.Groups[1].Value).ToList();
        if (codes.Count == 0)
        {
            throw new InvalidOperationException($"enrollment of {userName} failed: {(int)verified.StatusCode}");
        }
        AuthenticatorKeys[(SiteOf(client).Site, userName)] = secret;
        return codes;
    }
}
