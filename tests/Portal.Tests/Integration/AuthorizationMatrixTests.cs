using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Generated from the endpoint metadata: every admin page and every staff API endpoint, requested as every role and as
/// nobody, gets exactly the access its permission grants. An endpoint that declares no permission fails the test. A policy
/// of several permissions joined with <see cref="PermissionClaim.AnyOf"/> grants access to whoever holds any one of them.
/// </summary>
public sealed partial class AuthorizationMatrixTests(SharedSite site) : IClassFixture<SharedSite>
{
    /// <summary>Admin routes open to anyone (signing in) or to any signed-in staff member; nothing else may lack a permission.</summary>
    private static readonly Dictionary<string, string?> Exempt = new(StringComparer.Ordinal)
    {
        ["admin/login"] = null,
        ["admin/login/two-factor"] = null,
        ["admin/logout"] = null,
        ["admin/denied"] = null,
    };

    private static readonly string[] Users = ["admin", "editor", "decisions", "moderator", "spokesperson", "answerer"];

    /// <summary>A role an administrator made for one task: a policy open to any of several permissions must let it in.</summary>
    private const string AnswererRole = "Answerer";

    private sealed record Case(string Route, string Method, string Url, string? Permission, bool IsApi);

    [Fact]
    public async Task EveryAdminEndpoint_GivesEachRoleExactlyTheAccessItsPermissionGrants()
    {
        var cases = Cases();
        Assert.True(cases.Count > 20, $"only {cases.Count} admin endpoints found");
        var missing = cases.Where(c => c.Permission is null && !Exempt.ContainsKey(c.Route)).Select(c => $"{c.Method} /{c.Route}").ToList();
        Assert.True(missing.Count == 0, "Admin endpoints without a permission: " + string.Join(", ", missing));

        var known = ModuleCatalog.AllModules.SelectMany(m => m.Permissions).Select(p => p.Name).ToHashSet();
        Assert.All(cases.Where(c => c.Permission is not null), c => Assert.All(PermissionClaim.Names(c.Permission!),
            p => Assert.True(known.Contains(p), $"/{c.Route} names unknown permission {p}")));

        await AddAnswererAsync();
        var grants = await GrantsAsync();
        var failures = new List<string>();
        var anonymous = site.Factory.CreateBrowserClient();
        var browsers = new Dictionary<string, HttpClient>();
        var apis = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            browsers[user] = await SignedInAsync(user);
            apis[user] = site.Factory.ApiClient(await site.Factory.TokenForAsync(user));
        }
        foreach (var c in cases.Where(c => c.Permission is not null))
        {
            var status = await SendAsync(anonymous, c);
            if (!(c.IsApi ? status.Code == HttpStatusCode.Unauthorized : status.RedirectsTo("/admin/login")))
            {
                failures.Add($"anonymous {c.Method} {c.Url}: {status}");
            }
            foreach (var user in Users)
            {
                var allowed = PermissionClaim.Names(c.Permission!).Any(grants[user].Contains);
                status = await SendAsync(c.IsApi ? apis[user] : browsers[user], c);
                var refused = status.Code is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized || status.RedirectsTo("/admin/denied") || status.RedirectsTo("/admin/login");
                if (allowed == refused || status.Code == HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{user} ({(allowed ? "has" : "lacks")} {c.Permission}) {c.Method} {c.Url}: {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count * (Users.Length + 1)} requests broke the matrix:\n" + string.Join("\n", failures));
    }

    private List<Case> Cases()
    {
        var endpoints = site.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var cases = new List<Case>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var isApi = route.StartsWith("api/v1/admin", StringComparison.Ordinal);
            if (!isApi && !(route == "admin" || route.StartsWith("admin/", StringComparison.Ordinal)))
            {
                continue;
            }
            var permission = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                cases.Add(new Case(route, method, "/" + Fill(route), permission, isApi));
            }
        }
        return cases.DistinctBy(c => (c.Route, c.Method)).ToList();
    }

    /// <summary>Route values that exist nowhere: the request reaches authorization and then finds nothing.</summary>
    private static string Fill(string route) => Parameter().Replace(route, m => m.Groups[1].Value.Contains(":int", StringComparison.Ordinal) || m.Groups[1].Value.Contains(":long", StringComparison.Ordinal)
        ? "987654" : "no-such-item");

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Parameter();

    private sealed record Outcome(HttpStatusCode Code, string? Location)
    {
        public bool RedirectsTo(string path) => Code is HttpStatusCode.Redirect or HttpStatusCode.Found && Location?.StartsWith(path, StringComparison.Ordinal) == true;

        public override string ToString() => Location is null ? ((int)Code).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{(int)Code} → {Location}";
    }

    private static async Task<Outcome> SendAsync(HttpClient client, Case c)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
        if (c.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return new Outcome(response.StatusCode, location);
    }

    private async Task AddAnswererAsync()
    {
        using var scope = site.Factory.Services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
        if (await roles.FindByNameAsync(AnswererRole) is not null)
        {
            return;
        }
        var role = new StaffRole(AnswererRole);
        Assert.True((await roles.CreateAsync(role)).Succeeded);
        Assert.True((await roles.AddClaimAsync(role, new Claim(PermissionClaim.Type, Portal.Consultations.ConsultationsPermissions.RespondToComments))).Succeeded);
        await scope.ServiceProvider.GetRequiredService<Portal.Identity.StaffBootstrap>().CreateAsync("answerer", "答复专员", null, null, [AnswererRole]);
    }

    private async Task<Dictionary<string, HashSet<string>>> GrantsAsync()
    {
        using var scope = site.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
        var grants = new Dictionary<string, HashSet<string>>();
        foreach (var name in Users)
        {
            var user = await users.FindByNameAsync(name) ?? throw new InvalidOperationException(name);
            var set = new HashSet<string>();
            foreach (var roleName in await users.GetRolesAsync(user))
            {
                if (roleName == StaffRoles.Administrator)
                {
                    // Administrators hold every permission by definition (PermissionChecks.HasPermission).
                    set.UnionWith(ModuleCatalog.AllModules.SelectMany(m => m.Permissions).Select(p => p.Name));
                    continue;
                }
                var role = await roles.FindByNameAsync(roleName);
                set.UnionWith((await roles.GetClaimsAsync(role!)).Where(c => c.Type == PermissionClaim.Type).Select(c => c.Value));
            }
            if (set.Count > 0)
            {
                // Any permission brings the staff area with it (PermissionChecks.HasPermission): the answerer's role has
                // "Answer comments" alone.
                set.Add(Portal.Identity.IdentityPermissions.Staff);
            }
            grants[name] = set;
        }
        return grants;
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        const string password = "Matrix-Passw0rd-1";
        using (var scope = site.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, password);
        }
        var client = site.Factory.CreateBrowserClient();
        var response = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
