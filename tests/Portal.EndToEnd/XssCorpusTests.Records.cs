using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>The corpus's records: every input gets the vectors, many per record where the field allows.</summary>
public sealed partial class XssCorpusTests
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private sealed record OpenConsultation(string Slug, DateTimeOffset ClosesUtc);

    private sealed record PublishedDocument(int Id, string Slug, string Title);

    private async Task<OpenConsultation> OpenConsultationAsync(HttpClient api)
    {
        var slug = $"xss-decision-{Run}";
        var now = DateTimeOffset.UtcNow;
        // Long enough for the comments, sign-ups and the other records below; the site's minimum period is 0 days here.
        var closes = now.AddSeconds(45);
        var planned = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date.AddDays(1);
        await PostOkAsync(api, "/api/v1/admin/consultations", new
        {
            title = Marker + " " + XssProbe.Pack(Texts, 290)[2], slug, kind = "ordinary",
            summary = XssProbe.Pack(Texts, 2000)[0], department = XssProbe.Pack(Texts, 200)[0], contact = XssProbe.Pack(Texts, 1000)[1],
            opensUtc = now.AddMinutes(-1), closesUtc = closes, plannedAdoptionDate = planned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            articles = new[] { string.Join("\n\n", Texts) }.Concat(XssProbe.Pack(Texts, 3000, "\n\n")).ToArray(),
        }, HttpStatusCode.Created);
        await PostOkAsync(api, $"/api/v1/admin/consultations/{slug}/publish", new { });
        return new OpenConsultation(slug, closes);
    }

    /// <summary>One comment per short vector as the name; the bodies and organisations carry every vector.</summary>
    private async Task<List<string>> CommentAsync(HttpClient citizen, string slug)
    {
        var bodies = XssProbe.Pack(Texts, 4900, "\n\n");
        var organizations = XssProbe.Pack(Texts, 100);
        var receipts = new List<string>();
        for (var i = 0; i < Short.Count; i++)
        {
            var created = await PostOkAsync(citizen, $"/api/v1/consultations/{slug}/comments", new
            {
                name = Short[i], email = $"xss{i}.{Run}@example.com", organization = organizations[i % organizations.Count], article = i % 2 + 1,
                body = $"第 {i} 条意见。\n\n" + bodies[i % bodies.Count], publishName = true, consentToPublish = true,
            }, HttpStatusCode.Created);
            receipts.Add(created.GetProperty("receiptNumber").GetString()!);
        }
        return receipts;
    }

    /// <summary>The public form: a refused submission shows the values again (reflected), an accepted one gives a receipt.</summary>
    private async Task<(string ReceiptUrl, string Name)> CommentThroughTheFormAsync(string slug)
    {
        ExpectConsoleError(new Regex(@"(status of 422|HTTP 422 for POST \S+/(consultations/\S+/comments|subscriptions|hearings/\S+/registrations))"));
        var name = Short.First(t => t.Contains("svg", StringComparison.Ordinal));
        foreach (var page in publicPages)
        {
            await FillCommentAsync(page, slug, name, "not-an-email");
            await probe.CheckAsync(page);
            // Refused for the email; the name comes back in the form as it was typed, inert.
            Assert.Equal(name, await page.Locator("#comment-form form input[name=Name]").InputValueAsync());
        }
        await FillCommentAsync(publicPages[0], slug, name, $"form.{Run}@example.com");
        await Expect(publicPages[0]).ToHaveURLAsync(new Regex(@"/consultations/receipts/"));
        await probe.CheckAsync(publicPages[0]);
        return (new Uri(publicPages[0].Url).PathAndQuery.Replace("&new=1", "", StringComparison.Ordinal), name);
    }

    private async Task FillCommentAsync(IPage page, string slug, string name, string email)
    {
        await probe.VisitAsync(page, $"/consultations/{slug}");
        var form = page.Locator("#comment-form form");
        await form.Locator("textarea[name=Body]").FillAsync(XssProbe.Pack(Texts, 4900, "\n")[1]);
        await form.Locator("input[name=Name]").FillAsync(name);
        await form.Locator("input[name=Email]").FillAsync(email);
        await form.Locator("input[name=Consent][value=on]").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task<List<PublishedDocument>> PublishDocumentsAsync(HttpClient api)
    {
        var titles = XssProbe.Pack(Texts, 300 - Marker.Length - 1);
        var documents = new List<PublishedDocument>();
        for (var i = 0; i < titles.Count; i++)
        {
            var title = Marker + " " + titles[i];
            var created = await PostOkAsync(api, "/api/v1/admin/documents", new
            {
                sectionSlug = "policies", title, slug = $"xss-document-{Run}-{i}", issuingBody = Short[i % Short.Count], docNumber = Short[(i + 1) % Short.Count],
                validity = "InForce", topics = Short[(i + 2) % Short.Count], summary = titles[(i + 1) % titles.Count],
                bodyMarkdown = i == 0 ? string.Join("\n\n", Texts) : string.Join("\n\n", XssProbe.Pack(Texts, 2000, "\n\n")[i % 4]),
            }, HttpStatusCode.Created);
            var id = created.GetProperty("id").GetInt32();
            await PostOkAsync(api, $"/api/v1/admin/documents/{id}/publish", new { });
            documents.Add(new PublishedDocument(id, $"xss-document-{Run}-{i}", title));
        }
        return documents;
    }

    private async Task<List<string>> PublishStatementsAsync(HttpClient api)
    {
        var titles = XssProbe.Pack(Texts, 300 - Marker.Length - 1);
        // Statement Markdown refuses an HTML image without alternative text (a rule of its own): those vectors go into the plain-text fields only.
        var markdown = Texts.Where(t => !HtmlImage().IsMatch(t)).ToList();
        var statement = $"xss-statement-{Run}";
        await PostOkAsync(api, "/api/v1/admin/statements", new
        {
            kind = "statement", slug = statement, title = Marker + " " + titles[3], summary = XssProbe.Pack(Texts, 2000)[1], speaker = Short[3],
            body = string.Join("\n\n", markdown),
        }, HttpStatusCode.Created);
        await PostOkAsync(api, $"/api/v1/admin/statements/{statement}/publish", new { });
        await PostOkAsync(api, $"/api/v1/admin/statements/{statement}/correct", new
        {
            body = string.Join("\n\n", markdown.AsEnumerable().Reverse()), note = XssProbe.Pack(Texts, 500)[2], title = Marker + " " + titles[4],
        });
        var transcript = $"xss-transcript-{Run}";
        var answers = XssProbe.Pack(markdown, 1500, "\n\n");
        await PostOkAsync(api, "/api/v1/admin/statements", new
        {
            kind = "transcript", slug = transcript, title = Marker + " " + titles[5], summary = XssProbe.Pack(Texts, 2000)[2], speaker = Short[4],
            body = XssProbe.Pack(markdown, 3000, "\n\n")[0],
            questions = answers.Select((a, i) => new { questioner = Short[i], outlet = Short[i + 10], question = answers[(i + 1) % answers.Count], answerer = Short[i + 20], answer = a }).ToArray(),
        }, HttpStatusCode.Created);
        await PostOkAsync(api, $"/api/v1/admin/statements/{transcript}/publish", new { });
        return [statement, transcript];
    }

    private async Task<string> ScheduleHearingAsync(HttpClient api)
    {
        var slug = $"xss-hearing-{Run}";
        var now = DateTimeOffset.UtcNow;
        var starts = now.AddDays(10);
        var chunks = XssProbe.Pack(Texts, 1000);
        await PostOkAsync(api, "/api/v1/admin/hearings", new
        {
            title = Marker + " " + XssProbe.Pack(Texts, 290)[6], slug, matters = string.Join("\n\n", Texts), legalBasis = chunks[0], organizer = Short[5],
            startsUtc = starts, endsUtc = starts.AddHours(3), venueName = chunks[1], venueAddress = chunks[2], directions = chunks[3], accessibility = chunks[4],
            onlineOption = chunks[5], seats = 300, speakerSlots = 60, registrationOpensUtc = now.AddMinutes(-1), registrationClosesUtc = now.AddDays(5),
            selection = "first_come", categories = new[] { new { key = "public", label = Short[6], seats = 300 } }, selectionRules = chunks[6],
        }, HttpStatusCode.Created);
        return slug;
    }

    /// <summary>One sign-up per short vector as the name; organisations, statement summaries and needs carry the rest. The first one's status link.</summary>
    private async Task<string> SignUpAsync(HttpClient citizen, string hearing)
    {
        var summaries = XssProbe.Pack(Texts, 2000);
        var needs = XssProbe.Pack(Texts, 500);
        var affiliations = XssProbe.Pack(Texts, 100);
        string? first = null;
        for (var i = 0; i < Short.Count; i++)
        {
            var created = await PostOkAsync(citizen, $"/api/v1/hearings/{hearing}/registrations", new
            {
                name = Short[i], email = $"xss{i}.{Run}@example.com", affiliation = affiliations[i % affiliations.Count], category = "public",
                wantsToSpeak = i < 50, statementSummary = i < 50 ? summaries[i % summaries.Count] : null, accessibilityNeeds = needs[i % needs.Count],
                consentToList = true,
            }, HttpStatusCode.Created);
            first ??= created.GetProperty("statusUrl").GetString();
        }
        return first!;
    }

    /// <summary>The subscription email: refused values come back in the form (attribute context); a quoted local part is a valid address.</summary>
    private async Task SubscribeAsync()
    {
        var emails = vectors.Where(v => v.Category == "attr").Select(v => v.Text)
            .Concat(Short.Where(t => !t.Contains('"', StringComparison.Ordinal) && !t.Contains('\\', StringComparison.Ordinal) && !t.Contains('\n', StringComparison.Ordinal)).Take(4).Select(t => $"\"{t}\"@example.com"))
            .ToList();
        foreach (var page in publicPages)
        {
            foreach (var email in emails)
            {
                await probe.VisitAsync(page, "/subscriptions?topic=hearings");
                await page.Locator("#s-email").FillAsync(email);
                await page.Locator("form[action='/subscriptions'] button[type=submit]").ClickAsync();
                await probe.CheckAsync(page);
            }
        }
    }

    private static async Task<List<string>> ReceiptsAsync(HttpClient api, string slug, string status)
    {
        var receipts = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/consultations/{slug}/comments?status={status}&page={page}");
            var items = list.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("receiptNumber").GetString()!).ToList();
            receipts.AddRange(items);
            if (items.Count < 100)
            {
                return receipts;
            }
        }
    }

    private async Task AnswerAndFinalizeAsync(HttpClient api, string slug)
    {
        var reasons = XssProbe.Pack(Texts, 3900, "\n");
        var dispositions = new[] { "not_adopted", "partly_adopted", "out_of_scope" };
        var n = 0;
        for (var round = 0; round < 5; round++)
        {
            var unanswered = await ReceiptsAsync(api, slug, "unanswered");
            if (unanswered.Count == 0)
            {
                break;
            }
            foreach (var receipt in unanswered)
            {
                // A near-duplicate group is answered at once; a member answered that way is refused quietly here.
                using var _ = await api.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/response",
                    new { disposition = dispositions[n % 3], reason = reasons[n % reasons.Count], articles = new[] { 1 } });
                n++;
            }
        }
        Assert.Empty(await ReceiptsAsync(api, slug, "unanswered"));
        await PostOkAsync(api, $"/api/v1/admin/consultations/{slug}/finalize", new
        {
            outcome = "adopted", finalArticles = new[] { string.Join("\n\n", Texts.AsEnumerable().Reverse()) }.Concat(XssProbe.Pack(Texts, 3000, "\n\n")).ToArray(),
            reason = XssProbe.Pack(Texts, 3900)[0],
        });
    }

    private IEnumerable<string> PublicUrls(
        string consultation, int comments, List<PublishedDocument> documents, List<string> statements, string hearing, string registration, string receipt)
    {
        yield return "/";
        yield return "/sections/policies";
        yield return "/sections/policies?page=2";
        foreach (var d in documents)
        {
            yield return $"/documents/{d.Slug}";
        }
        for (var page = 1; page <= 3; page++)
        {
            yield return $"/search?q={Marker}&page={page}";
        }
        foreach (var query in XssProbe.Pack(Texts, 400))
        {
            yield return "/search?q=" + Uri.EscapeDataString(query);
        }
        yield return "/consultations";
        for (var page = 1; page <= (comments + 49) / 50; page++)
        {
            yield return $"/consultations/{consultation}?page={page}";
        }
        yield return receipt;
        yield return "/statements";
        foreach (var s in statements)
        {
            yield return $"/statements/{s}";
            yield return $"/statements/{s}/revisions";
            yield return $"/statements/{s}/revisions/1";
        }
        yield return $"/statements/{statements[0]}/revisions/2";
        yield return "/hearings";
        yield return $"/hearings/{hearing}";
        yield return registration;
        yield return "/feeds/statements.atom";
        yield return "/feeds/consultations.atom";
        yield return "/feeds/sections/policies.atom";
        yield return "/transparency/audit";
    }

    private static IEnumerable<string> StaffUrls(int consultation, int hearing, int statement, List<PublishedDocument> documents)
    {
        yield return "/admin";
        yield return "/admin/consultations";
        yield return $"/admin/consultations/responses?id={consultation}";
        yield return $"/admin/consultations/edit?id={consultation}";
        yield return $"/admin/consultations/finalize?id={consultation}";
        yield return $"/admin/consultations/dashboard?id={consultation}";
        yield return "/admin/documents";
        foreach (var d in documents.Take(3))
        {
            yield return $"/admin/documents/edit?id={d.Id}";
        }
        yield return "/admin/statements";
        yield return $"/admin/statements/edit?id={statement}";
        yield return "/admin/hearings";
        yield return $"/admin/hearings/registrations?id={hearing}";
        yield return $"/admin/hearings/edit?id={hearing}";
        yield return "/admin/audit";
        yield return "/admin/settings";
        yield return "/admin/notifications";
    }

    [GeneratedRegex(@"<\s*img\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();
}
