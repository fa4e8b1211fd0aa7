using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// The XSS corpus (issue 8): every vector of <c>XssVectors.json</c> goes through every citizen and staff input — the
/// comment form and API (name, organisation, body), hearing sign-ups (name, organisation, statement summary, needs), the
/// subscription email, documents (title, summary, body Markdown, document number, issuing body, topics), a decision
/// draft (title, summary, department, contact, articles), moderation and responses, the final text and reason,
/// statements (title, summary, speaker, body, Q&amp;A, correction note), a hearing notice (title, matters, venue, …) and
/// the site name — then every page that shows them is opened in Chromium twice: once as served (a CSP violation is a
/// failure: something got as far as the browser's last line of defence) and once with CSP bypassed (so a vector that
/// survived encoding and sanitizing would really run and hit the canary). Zero executions, zero CSP reports, no
/// markup that would run on a click, and the plain-text fields show every vector as text.
/// </summary>
[Collection(XssCollection.Name)]
public sealed partial class XssCorpusTests(XssSite server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string Marker = "xsscorpus";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly IReadOnlyList<XssVector> vectors = XssProbe.LoadVectors();
    private readonly XssProbe probe = new();
    private readonly List<IPage> publicPages = [];
    private readonly List<IPage> staffPages = [];
    private readonly List<IBrowserContext> contexts = [];

    private List<string> Texts => vectors.Select(v => v.Text).ToList();

    private List<string> Short => vectors.Where(v => v.Text.Length <= 50).Select(v => v.Text).ToList();

    /// <summary>The probe itself can fail: markup that runs (outside the site, so no CSP) is caught by each of its checks.</summary>
    [Fact]
    public async Task Probe_CatchesScriptThatRuns_AndMarkupThatWould()
    {
        await using var context = await Server.NewContextAsync();
        await XssProbe.InstallAsync(context);
        var page = await context.NewPageAsync();
        var caught = new XssProbe();
        caught.Watch(page, "self-test");
        await page.SetContentAsync("<p>test</p><svg onload=\"__xss(7)\"></svg><a href=\"javascript:__xss(8)\">x</a>");
        await caught.CheckAsync(page);
        Assert.Contains(caught.Executions, e => e.Contains("__xss(7)", StringComparison.Ordinal));
        Assert.Contains(caught.DangerousMarkup, m => m.Contains("event handler attribute onload", StringComparison.Ordinal));
        Assert.Contains(caught.DangerousMarkup, m => m.Contains("script URL in href", StringComparison.Ordinal));
        Assert.Empty(new XssProbe().Executions);
    }

    [Fact]
    public async Task Corpus_ThroughEveryInput_NeverRuns_OnAnyPage_AndShowsAsText()
    {
        var clock = Stopwatch.StartNew();
        Assert.True(vectors.Count >= 100, $"The corpus has {vectors.Count} vectors; it should have at least 100.");
        Assert.All(vectors, v => Assert.Contains(v.Id.ToString(CultureInfo.InvariantCulture), v.Text));
        // A sanitized <img src=x> asks the site for /x: expected 404s of sub-resources, not errors of the site's pages.
        ExpectConsoleError(SubresourceNotFound());
        ExpectConsoleError(new Regex(@"^HTTP 404 for GET "));

        await using var staffContext = await Server.NewContextAsync();
        staffContext.SetDefaultTimeout(15_000);
        var staff = await NewPageAsync(staffContext);
        await Staff.SignInAsync(staff);
        var token = await Staff.CreateApiTokenAsync(staff, "xss-corpus");
        var storage = await staffContext.StorageStateAsync();
        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var citizen = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };

        // Both ways of looking: as served (CSP on) and with CSP bypassed, for the public and for staff.
        foreach (var bypass in new[] { false, true })
        {
            var mode = bypass ? "CSP bypassed" : "as served";
            publicPages.Add(await WatchedPageAsync(await NewXssContextAsync(bypass, null), mode + ", public"));
            staffPages.Add(await WatchedPageAsync(await NewXssContextAsync(bypass, storage), mode + ", staff"));
        }

        // Site name (shown on every page) through the settings screen.
        var siteName = XssProbe.Pack(Texts, 400)[0];
        await staff.GotoAsync("/admin/settings");
        await staff.Locator("#v-SiteName").FillAsync(siteName);
        await staff.Locator("#v-SiteNameEn").FillAsync(XssProbe.Pack(Texts, 400)[1]);
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("设置已保存");

        var consultation = await OpenConsultationAsync(api);
        var receipts = await CommentAsync(citizen, consultation.Slug);
        var (formReceiptUrl, formName) = await CommentThroughTheFormAsync(consultation.Slug);
        Output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {receipts.Count + 1} comments in; the period closes at {consultation.ClosesUtc:HH:mm:ss} UTC.");

        // The moderation queue while every comment waits, then publish them all.
        var consultationId = await IdFromListAsync(staff, "/admin/consultations", $"/consultations/{consultation.Slug}", "/admin/consultations/edit?id=");
        var queue = await VisitAllAsync(staffPages, $"/admin/consultations/moderation?id={consultationId}");
        AssertShown(queue, Short.Take(20), "the moderation queue");
        foreach (var receipt in await ReceiptsAsync(api, consultation.Slug, "pending"))
        {
            await PostOkAsync(api, $"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" });
        }

        var documents = await PublishDocumentsAsync(api);
        var statements = await PublishStatementsAsync(api);
        var hearing = await ScheduleHearingAsync(api);
        var registration = await SignUpAsync(citizen, hearing);
        await SubscribeAsync();

        // (The public participant list cannot be published before registration closes, days from now: staff see the names.)
        var hearingId = await IdFromListAsync(staff, "/admin/hearings", $"/hearings/{hearing}", "/admin/hearings/registrations?id=");

        // After the close: answer every comment with vectors, finalize with a final text and reason full of them.
        var wait = consultation.ClosesUtc - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        Output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: records written; waiting {Math.Max(0, wait.TotalSeconds):0.0} s for the comment period to close.");
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        await AnswerAndFinalizeAsync(api, consultation.Slug);

        // Every page where the values show.
        var pagesText = new List<string>();
        foreach (var url in PublicUrls(consultation.Slug, receipts.Count + 1, documents, statements, hearing, registration, formReceiptUrl))
        {
            pagesText.Add(await VisitAllAsync(publicPages, url));
        }
        var statementId = await IdFromListAsync(staff, "/admin/statements", $"/statements/{statements[0]}", "/admin/statements/edit?id=");
        foreach (var url in StaffUrls(consultationId, hearingId, statementId, documents))
        {
            pagesText.Add(await VisitAllAsync(staffPages, url));
        }

        // Encoded, not swallowed: the plain-text fields show every vector as text.
        var commentPages = new List<string>();
        for (var page = 1; page <= (receipts.Count + 1 + 49) / 50; page++)
        {
            commentPages.Add(await publicPages[0].GotoAsync($"/consultations/{consultation.Slug}?page={page}") is not null ? await probe.CheckAsync(publicPages[0]) : "");
        }
        AssertShown(string.Concat(commentPages), Texts, "the public comments (names and bodies)");
        Assert.Contains(XssProbe.Squeeze(formName), XssProbe.Squeeze(string.Concat(commentPages)));
        var home = await probe.VisitAsync(publicPages[0], "/");
        AssertShown(home, [siteName], "the home page (site name)");
        var firstDocument = await probe.VisitAsync(publicPages[0], $"/documents/{documents[0].Slug}");
        AssertShown(firstDocument, [documents[0].Title], "the document page (title)");
        var liquid = pagesText.FirstOrDefault(t => t.Contains("{{ 7*7 }}", StringComparison.Ordinal));
        Assert.True(liquid is not null, "No page shows the Liquid vector “{{ 7*7 }}” as text: it was swallowed or evaluated.");

        // Feeds carry the titles and summaries as text (type="text"), never as HTML a feed reader would render.
        foreach (var feed in new[] { "/feeds/statements.atom", "/feeds/consultations.atom", "/feeds/sections/policies.atom" })
        {
            var xml = XDocument.Parse(await citizen.GetStringAsync(feed));
            Assert.DoesNotContain(xml.Descendants(), e => (string?)e.Attribute("type") is "html" or "xhtml");
            Assert.Contains(xml.Descendants(Atom + "title"), t => t.Value.StartsWith(Marker + " ", StringComparison.Ordinal) && t.Value.Contains("script", StringComparison.OrdinalIgnoreCase));
        }

        Output.WriteLine($"{vectors.Count} vectors, {probe.PagesChecked} page loads checked in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(probe.Executions.Count == 0, "Script from the corpus RAN:\n" + string.Join('\n', probe.Executions.Distinct().Take(50)));
        Assert.True(probe.CspViolations.Count == 0, "The Content-Security-Policy had to stop something:\n" + string.Join('\n', probe.CspViolations.Distinct().Take(50)));
        Assert.True(probe.DangerousMarkup.Count == 0, "Markup that would run on interaction reached the page:\n" + string.Join('\n', probe.DangerousMarkup.Distinct().Take(50)));
    }

    public override async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        await base.DisposeAsync();
    }

    private async Task<IBrowserContext> NewXssContextAsync(bool bypassCsp, string? storageState)
    {
        var context = await Server.Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = new() { Width = 1366, Height = 900 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            BypassCSP = bypassCsp,
            StorageState = storageState,
        });
        contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        await XssProbe.InstallAsync(context);
        return context;
    }

    private async Task<IPage> WatchedPageAsync(IBrowserContext context, string mode)
    {
        var page = await NewPageAsync(context);
        probe.Watch(page, mode);
        return page;
    }

    /// <summary>Opens the URL in each of the pages and checks it; the text of the first.</summary>
    private async Task<string> VisitAllAsync(IReadOnlyList<IPage> pages, string url)
    {
        var text = "";
        foreach (var page in pages)
        {
            var seen = await probe.VisitAsync(page, url);
            text = text.Length == 0 ? seen : text;
        }
        return text;
    }

    private static void AssertShown(string pageText, IEnumerable<string> texts, string where)
    {
        var squeezed = XssProbe.Squeeze(pageText);
        var missing = texts.Where(t => !squeezed.Contains(XssProbe.Squeeze(t), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} vectors are not shown as text on {where}, e.g.:\n" + string.Join('\n', missing.Take(10)));
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> IdFromListAsync(IPage staff, string list, string publicHref, string linkPrefix)
    {
        await staff.GotoAsync(list);
        var row = staff.GetByRole(AriaRole.Row).Filter(new() { Has = staff.Locator($"a[href='{publicHref}']") });
        var href = await row.Locator($"a[href^='{linkPrefix}']").First.GetAttributeAsync("href") ?? "";
        return int.Parse(href[linkPrefix.Length..].Split('&')[0], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Failed to load resource: the server responded with a status of 404")]
    private static partial Regex SubresourceNotFound();
}
