using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The same site on a real PostgreSQL server on 127.0.0.1 (tests/run.sh installs and starts it).
/// <c>PORTAL_TEST_POSTGRES</c> overrides the server's connection string.
/// </summary>
public sealed class PostgresTests
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres";

    [Fact]
    public async Task DemoSite_RunsOnPostgres_WithMigrationsRecipeAndStaffApi()
    {
        await using var database = new PostgresDatabase();
        using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
        });
        var client = factory.CreateClient();
        var home = await client.GetStringAsync("/");
        Assert.Contains("政策法规", home);
        Assert.Contains("/documents/", home);
        Assert.Contains("validity-abolished", await client.GetStringAsync("/sections/policies?status=abolished"));
        Assert.Contains("承诺时限", await client.GetStringAsync("/guides/company-establishment-registration"));

        var api = factory.ApiClient(await factory.TokenForAsync("editor"));
        var created = await api.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "news", title = "PostgreSQL 上的新闻", slug = "on-postgres", issuingBody = "锦城市市场监督管理局",
            validity = "InForce", bodyMarkdown = "正文",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/documents/on-postgres")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task NewDatabase_IsCreatedAndMigrated_WithoutAnErrorInTheLog()
    {
        await using var database = new PostgresDatabase();
        var log = new ErrorLog();
        using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Portal:Recipe"] = "setup",
        }, testServices: services => services.AddSingleton<ILoggerProvider>(log));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Empty(log.Entries);
    }

    /// <summary>Every entry logged at Error or above, with its category.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Category(ErrorLog log, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Entries.Enqueue($"{name}: {formatter(state, exception)}");
                }
            }
        }
    }
}
