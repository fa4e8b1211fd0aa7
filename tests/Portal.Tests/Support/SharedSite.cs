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

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/admin/login");
        return await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }
}
