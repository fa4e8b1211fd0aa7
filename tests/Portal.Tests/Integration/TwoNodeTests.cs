using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Two Portal.Web processes on their own ports and data directories (their own search indexes) sharing one PostgreSQL
/// database and one SMTP server, the way they run behind a load balancer.
/// </summary>
public sealed class TwoNodeTests
{
    [Fact]
    public async Task TwoProcessesOnOnePostgres_ShareCapacityReceiptsSearchMailAndSignIn()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        await using var database = new PostgresDatabase();
        var connectionString = database.ConnectionString;
        Dictionary<string, string?> Node() => SiteProcess.Settings(TempDirectory.Create("portal-node"), new Dictionary<string, string?>
        {
            ["Portal__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portal"] = connectionString,
            ["Portal__Smtp__Host"] = "127.0.0.1",
            ["Portal__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal__Smtp__Security"] = "None",
            ["Portal__Notifications__BaseUrl"] = "http://portal.test",
            ["Portal__Notifications__PollSeconds"] = "0.2",
            ["Portal__Notifications__RetryBaseSeconds"] = "0.5",
            ["Portal__Notifications__MaxAttempts"] = "100",
        });
        var a = Node();
        var b = Node();
        var token = await SiteProcess.TokenAsync(a, "admin");
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await LiveSite.SetPasswordAsync(db, "editor", PortalFactory.AdminPassword);
        }
        var starting = new[] { SiteProcess.StartAsync(a), SiteProcess.StartAsync(b) };
        await using var nodeA = await starting[0];
        await using var nodeB = await starting[1];
        var nodes = new[] { nodeA, nodeB };
        await LiveSite.CreateConsultationAsync(nodeA.ApiClient(token), "two-nodes", "双节点决策草案");
        await LiveSite.CreateHearingAsync(nodeB.ApiClient(token), "two-nodes-hearing", 40);

        // Sign-ups and comments spread over both nodes, all at once.
        var signUps = Task.WhenAll(Enumerable.Range(0, 150).Select(i => LiveSite.SignUpAsync(nodes[i % 2].Client, "two-nodes-hearing", $"signup-{i}@nodes.test")));
        var comments = Task.WhenAll(Enumerable.Range(0, 100).Select(i => LiveSite.CommentAsync(nodes[i % 2].Client, "two-nodes", $"comment-{i}@nodes.test", i)));
        var registered = (await signUps).Select(s => s ?? throw new InvalidOperationException("a sign-up was refused")).ToList();
        var receipts = (await comments).Select(r => r ?? throw new InvalidOperationException("a comment was refused")).ToList();
        Assert.Equal(40, registered.Count(r => r.Status == "confirmed"));
        Assert.Equal(110, registered.Count(r => r.Status == "waitlisted"));
        Assert.Equal(150, registered.Select(r => r.Code).Distinct().Count());
        Assert.Equal(100, receipts.Distinct().Count());
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            await using var seats = new NpgsqlCommand("""
                SELECT h."SeatsTaken", (SELECT count(*) FROM "HearingRegistrations" r WHERE r."HearingId" = h."Id" AND r."Status" = 1)
                FROM "Hearings" h WHERE h."Slug" = 'two-nodes-hearing'
                """, db);
            await using var reader = await seats.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(40, reader.GetInt32(0));
            Assert.Equal(40L, reader.GetInt64(1));
        }

        // Published on one node, found by the other node's own index within 2 s (both ways).
        Assert.True(await PublishedThenFoundAsync(nodeA, nodeB, token) <= TimeSpan.FromSeconds(2));
        Assert.True(await PublishedThenFoundAsync(nodeB, nodeA, token) <= TimeSpan.FromSeconds(2));

        // Every acknowledgement mailed exactly once, though both nodes dispatch.
        static bool Ours(MimeKit.MimeMessage m) => m.To.Mailboxes.Any(x => x.Address.EndsWith("@nodes.test", StringComparison.Ordinal));
        await smtp.WaitForAsync(250, Ours, TimeSpan.FromSeconds(120));
        await Task.Delay(3000);
        var mail = smtp.Messages().Where(Ours).ToList();
        Assert.Equal(250, mail.Count);
        Assert.Equal(250, mail.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(250, mail.Select(m => m.MessageId).Distinct().Count());

        // A staff sign-in cookie issued by node A is accepted by node B (data-protection keys in the database).
        var cookies = new CookieContainer();
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(nodeA.Url) })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("editor", PortalFactory.AdminPassword)).StatusCode);
        }
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(nodeB.Url) };
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/admin")).StatusCode);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/admin");
        withCookie.Headers.Add("Cookie", cookies.GetCookieHeader(new Uri(nodeA.Url)));
        var admin = await other.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("<span>editor</span>", await admin.Content.ReadAsStringAsync());
    }

    private static async Task<TimeSpan> PublishedThenFoundAsync(SiteProcess publisher, SiteProcess searcher, string token)
    {
        var word = "quokka" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8).ToArray());
        var staff = publisher.ApiClient(token);
        var created = await staff.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "news", title = $"双节点发布 {word}", slug = word, issuingBody = "锦城市市场监督管理局", validity = "InForce", bodyMarkdown = "正文",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { })).StatusCode);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var found = await searcher.Client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + word);
            if (found.GetProperty("total").GetInt32() > 0)
            {
                return watch.Elapsed;
            }
            await Task.Delay(50);
        }
        return watch.Elapsed;
    }
}
