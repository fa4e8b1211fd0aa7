using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Support;

/// <summary>
/// The real site in memory, on a real SQLite file in its own data directory (or a real PostgreSQL database).
/// Settings go in through <see cref="WebHostBuilderExtensions.UseSetting"/> so each factory is isolated.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-Admin-Passw0rd";

    private readonly Dictionary<string, string?> settings;

    public PortalFactory(string? dataDirectory = null, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null,
        Action<IServiceCollection>? testServices = null)
    {
        TestServices = testServices;
        DataDirectory = dataDirectory ?? TempDirectory.Create("portal-test");
        Clock = clock;
        this.settings = new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = DataDirectory,
            ["Portal:Admin:UserName"] = "admin",
            ["Portal:Admin:Password"] = AdminPassword,
            // Off in production for speed; the tests keep EF's check that no two operations share a context at once.
            ["Portal:Database:ThreadSafetyChecks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public FakeTimeProvider? Clock { get; }

    /// <summary>Extra test-only services (a fake public content source, for instance), registered after the site's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public HttpClient CreateBrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        StaffHelpers.RememberSite(client, SiteIdentity, Clock ?? TimeProvider.System);
        return client;
    }

    /// <summary>What identifies the site's user store: the PostgreSQL database if there is one, else the data directory.</summary>
    public string SiteIdentity => settings.TryGetValue("ConnectionStrings:Portal", out var database) && database is not null ? database : DataDirectory;
}

public static class TempDirectory
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
