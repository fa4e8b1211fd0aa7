using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Security;
using Portal.Identity;
using Portal.Statements.Admin;
using Portal.Statements.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The embargo publisher on PostgreSQL, as two web nodes sharing one database would run it.</summary>
public sealed class StatementPostgresTests
{
    [Fact]
    public async Task ScheduledStatement_PublishedByManyNodesAtOnce_IsPublishedOnce()
    {
        await using var database = new PostgresDatabase();
        var start = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using (var site = new PortalFactory(clock: clock, settings: new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
        }))
        {
            using (var scope = site.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<StaffBootstrap>().CreateAsync("spokesperson", "新闻发言人", null, null, [StaffRoles.Spokesperson]);
            }
            var staff = site.ApiClient(await site.TokenForAsync("spokesperson"));
            Assert.Equal(HttpStatusCode.Created, (await StatementTests.DraftAsync(staff, "pg-embargo")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/statements/pg-embargo/schedule", new { publishUtc = start.AddMinutes(10) })).StatusCode);
            var client = site.CreateClient();
            clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/statements/pg-embargo")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/statements/pg-embargo")).StatusCode);

            // Eight "nodes" (scopes with their own connections) run the publisher round together with the hosted one.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var scope = site.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<PublishStatement>().PublishDueAsync(CancellationToken.None);
            }));
            var state = await site.WithDbAsync(db => db.Set<Statement>().Where(s => s.Slug == "pg-embargo").Select(s => s.State).SingleAsync());
            Assert.Equal(StatementState.Published, state);
            // One change row for the schedule, exactly one for the publication, whoever won.
            Assert.Equal(2, await site.WithDbAsync(db => db.ContentChanges.CountAsync(c => c.Source == "statements" && c.Key == "pg-embargo")));
        }
    }
}
