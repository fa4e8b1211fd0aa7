using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Consultations.Model;
using Portal.Hearings.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Hearings through the real HTTP API: capacity under load, waitlist promotion, the lottery, the window, the record.</summary>
public sealed class HearingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Hearings:SignUpsPerIpPerMinute"] = "100000",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return settings;
    }

    internal static async Task<HttpClient> ScheduleAsync(PortalFactory site, string slug, int seats, DateTimeOffset now, string selection = "first_come",
        object[]? categories = null, string? consultationSlug = null)
    {
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var starts = now.AddDays(10);
        var created = await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
        {
            title = "农贸市场摊位费调整听证会", slug, matters = "听取意见。", organizer = "价格监督检查科", consultationSlug,
            startsUtc = starts, endsUtc = starts.AddHours(3), venueName = "听证室", venueAddress = "天府大道中段 88 号",
            seats, speakerSlots = 0, registrationOpensUtc = now.AddMinutes(-1), registrationClosesUtc = now.AddDays(5),
            selection, categories = categories ?? [], selectionRules = "规则",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return staff;
    }

    internal static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string slug, string email, string? category = null) =>
        client.PostAsJsonAsync($"/api/v1/hearings/{slug}/registrations", new { name = "市民", email, phone = "13800000000", affiliation = "居民", category, wantsToSpeak = false });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task FiveHundredParallelSignUps_ForFiftySeats_ExactlyFiftyConfirmedAndTheRestWaitlisted()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "rush", 50, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => SignUpAsync(client, "rush", $"p{i}@example.com")));
        var statuses = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            statuses.Add((await JsonAsync(response)).GetProperty("status").GetString()!);
        }
        Assert.Equal(50, statuses.Count(s => s == "confirmed"));
        Assert.Equal(450, statuses.Count(s => s == "waitlisted"));
        await AssertStoredAsync(site, "rush", 500, 50);
    }

    [Fact]
    public async Task FiveHundredParallelSignUps_AcrossTwoNodesOnPostgres_NeverMoreConfirmedThanSeats()
    {
        await using var database = new PostgresDatabase();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 40 }.ToString();
        var pg = new Dictionary<string, string?> { ["Portal:Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = connectionString };
        using var first = new PortalFactory(settings: Settings(pg));
        await ScheduleAsync(first, "two-nodes", 50, DateTimeOffset.UtcNow);
        using var second = new PortalFactory(settings: Settings(pg));
        var nodes = new[] { first.CreateClient(), second.CreateClient() };
        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => SignUpAsync(nodes[i % 2], "two-nodes", $"p{i}@example.com")));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await AssertStoredAsync(second, "two-nodes", 500, 50);
        var duplicate = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SignUpAsync(nodes[i % 2], "two-nodes", "same@example.com")));
        Assert.Equal(1, duplicate.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, duplicate.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    private static async Task AssertStoredAsync(PortalFactory site, string slug, int total, int seats)
    {
        var rows = await site.WithDbAsync(db => db.Set<Registration>().Where(r => r.Hearing!.Slug == slug).Select(r => new { r.Email, r.Status, r.Code }).ToListAsync());
        Assert.Equal(total, rows.Count);
        Assert.Equal(total, rows.Select(r => r.Email).Distinct().Count());
        Assert.Equal(total, rows.Select(r => r.Code).Distinct().Count());
        Assert.Equal(seats, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(total - seats, rows.Count(r => r.Status == RegistrationStatus.Waitlisted));
        var taken = await site.WithDbAsync(db => db.Set<Hearing>().Where(h => h.Slug == slug).Select(h => h.SeatsTaken).SingleAsync());
        Assert.Equal(seats, taken);
    }

    [Fact]
    public async Task SameEmailInParallel_OnlyOneRegistration_OthersGetAClearConflict()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "dupes", 5, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SignUpAsync(client, "dupes", "Same@Example.com")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var conflict = responses.First(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await JsonAsync(conflict)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Cancelling_FreesTheSeat_AndPromotesTheFirstWaitlisted()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "small", 2, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var answers = new List<JsonElement>();
        foreach (var who in new[] { "a", "b", "c", "d" })
        {
            answers.Add(await JsonAsync(await SignUpAsync(client, "small", $"{who}@example.com")));
        }
        Assert.Equal(["confirmed", "confirmed", "waitlisted", "waitlisted"], answers.Select(a => a.GetProperty("status").GetString()));
        var a = answers[0];
        var code = a.GetProperty("code").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/hearings/registrations/{code}?token=wrong")).StatusCode);
        var cancelled = await client.DeleteAsync($"/api/v1/hearings/registrations/{code}?token={a.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var statuses = await site.WithDbAsync(db => db.Set<Registration>().OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], statuses);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Hearing>().Select(h => h.SeatsTaken).SingleAsync()));
        var again = await client.DeleteAsync($"/api/v1/hearings/registrations/{code}?token={a.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The promoted person's confirmation page now says so.
        var c = answers[2];
        var page = await client.GetStringAsync($"/hearings/small/registrations/{c.GetProperty("code").GetString()}?token={c.GetProperty("cancelToken").GetString()}");
        Assert.Contains("status-confirmed", page);
        Assert.Contains("<svg class=\"qr\"", page);
    }

    [Fact]
    public async Task SigningUpAgain_AfterCancelling_FromSeveralTabsAtOnce_GivesOneNewCodeAndOneSeat()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "again", 3, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var earlier = await JsonAsync(await SignUpAsync(client, "again", "back@example.com"));
        var earlierLink = $"/hearings/again/registrations/{earlier.GetProperty("code").GetString()}?token={earlier.GetProperty("cancelToken").GetString()}";
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/hearings/registrations/{earlier.GetProperty("code").GetString()}?token={earlier.GetProperty("cancelToken").GetString()}")).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SignUpAsync(client, "again", "back@example.com")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var answer = await JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal("confirmed", answer.GetProperty("status").GetString());
        var row = await site.WithDbAsync(db => db.Set<Registration>().SingleAsync());
        Assert.Equal((RegistrationStatus.Confirmed, answer.GetProperty("code").GetString()), (row.Status, row.Code));
        Assert.NotEqual(earlier.GetProperty("code").GetString(), row.Code);
        Assert.Null(row.CancelledUtc);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Hearing>().Select(h => h.SeatsTaken).SingleAsync()));
        var page = await client.GetAsync($"/hearings/again/registrations/{row.Code}?token={answer.GetProperty("cancelToken").GetString()}");
        Assert.Contains("status-confirmed", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(earlierLink)).StatusCode);
    }

    [Fact]
    public async Task SignUp_OneSecondBeforeTheClose_IsAccepted_AtTheClose_IsRefusedWithAClearMessage()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: Settings());
        await ScheduleAsync(site, "window", 10, Start);
        var client = site.CreateClient();
        clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(client, "window", "early@example.com")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        var late = await SignUpAsync(client, "window", "late@example.com");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains(Portal.Core.Text.SiteClock.FormatDateTime(Start.AddDays(5)), (await JsonAsync(late)).GetProperty("detail").GetString());
        var page = await client.GetStringAsync("/hearings/window");
        Assert.DoesNotContain("action=\"/hearings/window/registrations\"", page);
    }

    [Fact]
    public async Task Lottery_IsReproducibleFromThePublishedSeed_AndHonoursQuotas()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: Settings());
        var categories = new object[]
        {
            new { key = "enterprises", label = "经营者", seats = 3 }, new { key = "residents", label = "居民", seats = 3 }, new { key = "experts", label = "专家", seats = 2 },
        };
        var staff = await ScheduleAsync(site, "draw", 10, Start, "lottery", categories);
        var client = site.CreateClient();
        var plan = Enumerable.Range(0, 20).Select(_ => "residents").Concat(Enumerable.Range(0, 8).Select(_ => "enterprises")).Concat(["experts", "experts"]).ToList();
        for (var i = 0; i < plan.Count; i++)
        {
            var response = await SignUpAsync(client, "draw", $"l{i}@example.com", plan[i]);
            Assert.Equal("registered", (await JsonAsync(response)).GetProperty("status").GetString());
        }
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/v1/admin/hearings/draw/draw", new { seedPhrase = "早" })).StatusCode);
        clock.Advance(TimeSpan.FromDays(5));
        var drawn = await staff.PostAsJsonAsync("/api/v1/admin/hearings/draw/draw", new { seedPhrase = "2026年11月7日 公证处 公开摇号" });
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        var detail = await JsonAsync(drawn);
        var seed = detail.GetProperty("lotterySeed").GetString()!;
        Assert.Equal(Lottery.Seed("2026年11月7日 公证处 公开摇号"), seed);

        var rows = await site.WithDbAsync(db => db.Set<Registration>().Select(r => new { r.Code, r.Category, r.Status, r.Rank }).ToListAsync());
        Assert.Equal(10, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(2, rows.Count(r => r.Status == RegistrationStatus.Confirmed && r.Category == "experts"));
        Assert.True(rows.Count(r => r.Status == RegistrationStatus.Confirmed && r.Category == "enterprises") >= 3);
        Assert.True(rows.Count(r => r.Status == RegistrationStatus.Confirmed && r.Category == "residents") >= 3);

        // Anyone can recompute the result from what the page publishes: the seed, every code with its category.
        var page = await client.GetStringAsync("/hearings/draw");
        Assert.Contains(seed, page);
        var published = System.Text.RegularExpressions.Regex.Matches(page, "<td><code>(TZ-[A-Z0-9-]+)</code></td><td>([a-z]*)</td>")
            .Select(m => new Lottery.Entry(m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(30, published.Count);
        var quotas = new List<CategoryQuota> { new("enterprises", "", 3), new("residents", "", 3), new("experts", "", 2) };
        var recomputed = Lottery.Draw(Lottery.Seed("2026年11月7日 公证处 公开摇号"), Enumerable.Reverse(published), 10, quotas);
        Assert.Equal(rows.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Code).Order(), recomputed.Where(o => o.Selected).Select(o => o.Code).Order());
        Assert.All(recomputed, o => Assert.Equal(rows.Single(r => r.Code == o.Code).Rank, o.Rank));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/v1/admin/hearings/draw/draw", new { seedPhrase = "again" })).StatusCode);
    }

    [Fact]
    public async Task CalendarInvitation_DownloadsAndParsesBack()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "ics", 5, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var answer = await JsonAsync(await SignUpAsync(client, "ics", "ics@example.com"));
        var code = answer.GetProperty("code").GetString();
        var response = await client.GetAsync($"/hearings/ics/registrations/{code}.ics?token={answer.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("农贸市场摊位费调整听证会", e.Summary);
        Assert.Contains(code!, e.Description);
        Assert.Contains("天府大道中段 88 号", e.Location);
        var hearing = await site.WithDbAsync(db => db.Set<Hearing>().SingleAsync());
        Assert.Equal(hearing.StartsUtc.UtcDateTime, e.Start!.AsUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(hearing.EndsUtc.UtcDateTime, e.End!.AsUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/hearings/ics/registrations/{code}.ics?token=nope")).StatusCode);
    }

    [Fact]
    public async Task PublishedRecord_PutsEachStatementOnTheLinkedConsultation_AsAHearingComment()
    {
        using var site = new PortalFactory(settings: Settings());
        var clock = DateTimeOffset.UtcNow;
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于摊位费的决定（征求意见稿）", slug = "stall-fees", kind = "ordinary", opensUtc = clock.AddMinutes(-1), closesUtc = clock.AddDays(30),
            plannedAdoptionDate = DateOnly.FromDateTime(clock.AddDays(32).UtcDateTime), articles = new[] { "第一条", "第二条" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/stall-fees/publish", null)).StatusCode);
        await ScheduleAsync(site, "heard", 5, clock, consultationSlug: "stall-fees");
        var early = await staff.PostAsJsonAsync("/api/v1/admin/hearings/heard/record", new { record = "笔录", statements = new[] { new { speaker = "甲", affiliation = "商户", text = "意见" } } });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await site.WithDbAsync(async db =>
        {
            await db.Set<Hearing>().ExecuteUpdateAsync(s => s.SetProperty(h => h.StartsUtc, clock.AddHours(-3)).SetProperty(h => h.EndsUtc, clock.AddHours(-1)));
        });
        var record = await staff.PostAsJsonAsync("/api/v1/admin/hearings/heard/record", new
        {
            record = "**听证笔录**", statements = new[] { new { speaker = "刘建国", affiliation = "商户代表", text = "摊位费分档后老市场负担不应增加。" }, new { speaker = "赵雪梅", affiliation = "居民", text = "支持菜农直销区。" } },
        });
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var comments = await site.WithDbAsync(db => db.Set<Comment>().Where(c => c.Consultation!.Slug == "stall-fees").ToListAsync());
        Assert.Equal(2, comments.Count);
        Assert.All(comments, c => Assert.Equal(CommentChannel.Hearing, c.Channel));
        Assert.All(comments, c => Assert.Equal(CommentStatus.Published, c.Status));
        Assert.Contains(comments, c => c.Name == "刘建国" && c.Organization == "商户代表");
        // Publishing again does not add the same statements twice.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/hearings/heard/record", new
        {
            record = "**听证笔录（更正）**", statements = new[] { new { speaker = "刘建国", affiliation = "商户代表", text = "摊位费分档后老市场负担不应增加。" }, new { speaker = "赵雪梅", affiliation = "居民", text = "支持菜农直销区。" } },
        })).StatusCode);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Comment>().CountAsync()));
        var hearingPage = await site.CreateClient().GetStringAsync("/hearings/heard");
        Assert.Contains("听证笔录（更正）", hearingPage);
        Assert.Contains("/consultations/stall-fees#", hearingPage);
        var consultationPage = await site.CreateClient().GetStringAsync("/consultations/stall-fees");
        Assert.Contains("刘建国", consultationPage);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Category_WhereTheHearingHasNone_IsNotKept_HoweverLong(string provider)
    {
        await using var database = provider == "Postgres" ? new PostgresDatabase() : null;
        var extra = new Dictionary<string, string?>();
        database?.Use(extra);
        using var site = new PortalFactory(settings: Settings(extra));
        var staff = await ScheduleAsync(site, "no-quotas", 5, DateTimeOffset.UtcNow, "lottery");
        var client = site.CreateClient();
        // The form offers no category where the hearing has none, so one sent anyway is not kept (the draw table is
        // public), however long: longer than its column it was a 500 on PostgreSQL.
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(client, "no-quotas", "long@example.com", new string('类', 41))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(client, "no-quotas", "short@example.com", "<b>我是专家</b>")).StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Registration>().CountAsync(r => r.Category != null)));
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Registration>().CountAsync()));

        // Nor can staff give a category a key that no sign-up could store.
        var starts = DateTimeOffset.UtcNow.AddDays(10);
        var quotas = await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
        {
            title = "听证会", slug = "long-key", startsUtc = starts, endsUtc = starts.AddHours(3), seats = 5, speakerSlots = 0,
            registrationOpensUtc = DateTimeOffset.UtcNow.AddMinutes(-1), registrationClosesUtc = DateTimeOffset.UtcNow.AddDays(5), selection = "lottery",
            categories = new[] { new { key = new string('k', 41), label = "居民", seats = 2 } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, quotas.StatusCode);
        Assert.Equal("Categories", (await JsonAsync(quotas)).GetProperty("field").GetString());
    }

    /// <summary>PostgreSQL refuses NUL in text (a 500 before); other control characters are invisible and break the feeds.</summary>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SignUp_WithControlCharacters_IsStoredWithoutThem(string provider)
    {
        await using var database = provider == "Postgres" ? new PostgresDatabase() : null;
        var extra = new Dictionary<string, string?>();
        database?.Use(extra);
        using var site = new PortalFactory(settings: Settings(extra));
        await ScheduleAsync(site, "control", 5, DateTimeOffset.UtcNow);
        var response = await site.CreateClient().PostAsJsonAsync("/api/v1/hearings/control/registrations",
            new { name = "李\u0000四", email = "li@example.com", affiliation = "社区\u0001", wantsToSpeak = true, statementSummary = "发言\f提纲\u0000" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await site.WithDbAsync(db => db.Set<Registration>().Where(r => r.Email == "li@example.com").Select(r => new { r.Name, r.Affiliation, r.StatementSummary }).SingleAsync());
        Assert.Equal(("李四", "社区", "发言\n提纲"), (stored.Name, stored.Affiliation, stored.StatementSummary));
    }

    [Fact]
    public async Task SignUpForm_WithBadInput_ShowsTheFormAgainWithTheMessage()
    {
        using var site = new PortalFactory(settings: Settings());
        await ScheduleAsync(site, "form", 5, DateTimeOffset.UtcNow);
        var browser = site.CreateBrowserClient();
        var page = await browser.GetStringAsync("/hearings/form");
        Assert.Contains("data-seats-url=\"/hearings/form/seats.json\"", page);
        var response = await browser.PostAsync("/hearings/form/registrations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page), ["Name"] = "王五", ["Email"] = "not-an-email",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-error\"", html);
        Assert.Contains("value=\"王五\"", html);
        var ok = await browser.PostAsync("/hearings/form/registrations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page), ["Name"] = "王五", ["Email"] = "wangwu@example.com",
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.StartsWith("/hearings/form/registrations/TZ-", ok.Headers.Location!.OriginalString);
        var seats = await browser.GetFromJsonAsync<JsonElement>("/hearings/form/seats.json");
        Assert.Equal(4, seats.GetProperty("seatsLeft").GetInt32());
    }
}

public sealed class HearingStaffTests
{
    [Fact]
    public async Task ParticipantCsv_IsForStaffOnly_AndHoldsContacts()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup", ["Portal:Hearings:SignUpsPerIpPerMinute"] = "1000" });
        await HearingTests.ScheduleAsync(site, "csv", 5, DateTimeOffset.UtcNow);
        await HearingTests.SignUpAsync(site.CreateClient(), "csv", "=cmd@example.com");
        var id = await site.WithDbAsync(db => db.Set<Portal.Hearings.Model.Hearing>().Select(h => h.Id).SingleAsync());
        var anonymous = site.CreateBrowserClient();
        var refused = await anonymous.GetAsync($"/admin/hearings/registrations?id={id}&handler=Csv");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/admin/login", refused.Headers.Location!.OriginalString);
        var staff = site.CreateBrowserClient();
        await staff.SignInAsync("admin", PortalFactory.AdminPassword);
        var csv = await staff.GetAsync($"/admin/hearings/registrations?id={id}&handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"'=cmd@example.com\"", text);
        Assert.Contains("13800000000", text);
        // Never in public: the hearing page and the API carry no contacts.
        Assert.DoesNotContain("cmd@example.com", await anonymous.GetStringAsync("/hearings/csv"));
        Assert.DoesNotContain("cmd@example.com", await anonymous.GetStringAsync("/api/v1/hearings/csv"));
    }
}
