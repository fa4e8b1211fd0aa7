using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Malformed requests to every public route and API endpoint, enumerated from the endpoint data source (so a new
/// endpoint is covered without doing anything): never a 500, never a stack trace, a 4xx says something a person can
/// read, and a rejected request leaves every stored table exactly as it was.
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly string[] SegmentValues =
    [
        "no-such-item", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2fappsettings.json", "..%5C..%5Cweb.config", "%FF%FE%FD", "%C0%AE%C0%AE%C0%AF",
        "%C3%28", "%E2%80%AE%E6%B5%8B%E8%AF%95%E2%80%8B", "%01%1F", "-1", "99999999999999999999", "%EF%BD%93%EF%BD%8C%EF%BD%95%EF%BD%87", new string('a', 3000),
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%7B%7B7*7%7D%7D",
    ];

    private static readonly string[] Queries =
    [
        "page=-1", "page=0", "page=99999999999999999999", "page=2147483647", "page=abc", "page=1&page=2", "q=%FF%FE%C3%28", "q=" + new string('x', 5000),
        "date=2026-02-30&from=0000-00-00&to=9999-99-99&year=-1&month=13&day=32", "sort=%00&kind=%FF&section=..%2F..&type=%3Cscript%3E&status=%C3%28",
        "topic=%E2%80%AE&token=%FF&returnUrl=%2F%2Fevil.example&new=%FF", "q=%E2%80%8B%EF%BC%9Cscript%EF%BC%9E&page=%EF%BC%91", "year=99999&page=-99999",
    ];

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Portal:Consultations:CommentsPerIpPerMinute"] = "100000",
        ["Portal:Consultations:CommentsPerEmailPerHour"] = "100000",
        ["Portal:Hearings:SignUpsPerIpPerMinute"] = "100000",
        ["Portal:Notifications:SubscribesPerIpPerMinute"] = "100000",
        ["Portal:Notifications:ConfirmationsPerEmailPerHour"] = "100000",
        ["Portal:Notifications:JobsEnabled"] = "false",
    };

    private sealed record Route(string Pattern, string[] Methods, RouteTemplate Template);

    [Fact]
    public async Task EveryPublicRouteAndApi_WithMalformedInput_IsRefusedReadably_NeverA500_AndChangesNothing()
    {
        using var site = new PortalFactory(settings: Settings);
        var client = site.CreateBrowserClient();
        var routes = PublicRoutes(site);
        Assert.True(routes.Count > 30, $"only {routes.Count} public routes found");
        Assert.Contains(routes, r => r.Methods.Contains("POST"));
        var known = await KnownValuesAsync(client, routes);

        var failures = new List<string>();
        var requests = 0;
        var stateChecks = 0;
        var state = await SnapshotAsync(site);
        foreach (var route in routes)
        {
            foreach (var method in route.Methods)
            {
                var real = Fill(route, known, null, null);
                var urls = new List<string> { real };
                foreach (var parameter in route.Template.Parameters)
                {
                    urls.AddRange(SegmentValues.Select(v => Fill(route, known, parameter.Name!, v)));
                }
                if (method is "GET" or "HEAD")
                {
                    urls.AddRange(Queries.Select(q => real + "?" + q));
                    foreach (var url in urls)
                    {
                        requests++;
                        await CheckAsync(client, new HttpRequestMessage(new HttpMethod(method), url), failures);
                    }
                    continue;
                }
                var form = await FormAsync(client, real);
                foreach (var (name, build) in Bodies(form))
                {
                    foreach (var url in name == "no body" ? urls : [real])
                    {
                        requests++;
                        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = build() };
                        var status = await CheckAsync(client, request, failures, $"[{name}]");
                        if (status is >= 400 and < 500)
                        {
                            stateChecks++;
                            var after = await SnapshotAsync(site);
                            if (after != state)
                            {
                                failures.Add($"{method} {Short(url)} [{name}] → {status} but the stored data changed");
                            }
                            state = after;
                        }
                        else
                        {
                            state = await SnapshotAsync(site);
                        }
                    }
                }
            }
        }
        Assert.True(requests > 500, $"only {requests} requests sent");
        Assert.True(stateChecks > 50, $"only {stateChecks} rejected writes checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} malformed requests broke a rule:\n" + string.Join("\n", failures.Take(80)));
    }

    private static async Task<int> CheckAsync(HttpClient client, HttpRequestMessage request, List<string> failures, string note = "")
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var what = $"{request.Method} {Short(request.RequestUri!.OriginalString)} {note} → {status}";
            if (status >= 500)
            {
                failures.Add(what + ": " + Short(body));
            }
            if (StackTrace().IsMatch(body))
            {
                failures.Add(what + ": a stack trace or exception in the body");
            }
            if (status >= 400 && request.Method != HttpMethod.Head && body.Trim().Length < 20)
            {
                failures.Add(what + ": no readable message");
            }
            return status;
        }
    }

    private static List<Route> PublicRoutes(PortalFactory site) =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText?.TrimStart('/') ?? "", Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"]))
            .Where(e => !(e.Pattern == "admin" || e.Pattern.StartsWith("admin/", StringComparison.Ordinal) || e.Pattern.StartsWith("api/v1/admin", StringComparison.Ordinal)))
            .Where(e => !e.Pattern.Contains("{**", StringComparison.Ordinal) && !e.Pattern.Contains("{*", StringComparison.Ordinal))
            .GroupBy(e => e.Pattern)
            .Select(g => new Route(g.Key, g.SelectMany(e => e.Methods).Distinct().ToArray(), TemplateParser.Parse(g.Key)))
            .ToList();

    /// <summary>Real route values (slugs that exist) taken from the sitemap and the open-data lists, by the route's first word.</summary>
    private static async Task<Dictionary<(string Family, string Name), string>> KnownValuesAsync(HttpClient client, List<Route> routes)
    {
        var paths = Loc().Matches(await client.GetStringAsync("/sitemap.xml")).Select(m => new Uri(m.Groups[1].Value).AbsolutePath).ToList();
        foreach (var list in new[] { "/api/v1/consultations", "/api/v1/hearings" })
        {
            var json = await client.GetStringAsync(list);
            paths.AddRange(SlugField().Matches(json).Select(m => list["/api/v1".Length..] + "/" + m.Groups[1].Value));
        }
        var known = new Dictionary<(string, string), string>();
        foreach (var route in routes.Where(r => r.Template.Parameters.Count > 0))
        {
            var matcher = new TemplateMatcher(route.Template, new RouteValueDictionary());
            foreach (var path in paths)
            {
                var values = new RouteValueDictionary();
                if (matcher.TryMatch(path, values))
                {
                    foreach (var (name, value) in values)
                    {
                        known.TryAdd((Family(route.Pattern), name), Uri.EscapeDataString(value?.ToString() ?? ""));
                    }
                }
            }
        }
        return known;
    }

    private static string Family(string pattern)
    {
        var trimmed = pattern.StartsWith("api/v1/", StringComparison.Ordinal) ? pattern["api/v1/".Length..] : pattern;
        return trimmed.Split('/')[0];
    }

    private static string Fill(Route route, Dictionary<(string, string), string> known, string? fuzzed, string? value)
    {
        var parts = new List<string>();
        foreach (var segment in route.Template.Segments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                if (part.IsLiteral)
                {
                    text.Append(part.Text);
                }
                else if (part.Name == fuzzed)
                {
                    text.Append(value);
                }
                else
                {
                    var isNumber = part.InlineConstraints.Any(c => c.Constraint.StartsWith("int", StringComparison.Ordinal) || c.Constraint.StartsWith("long", StringComparison.Ordinal));
                    text.Append(known.TryGetValue((Family(route.Template.TemplateText!), part.Name!), out var real) ? real : isNumber ? "1" : "no-such-item");
                }
            }
            parts.Add(text.ToString());
        }
        return "/" + string.Join('/', parts);
    }

    private sealed record Form(string Token, string[] Fields);

    /// <summary>The form that posts to this address, from the page itself or the page above it, with its antiforgery token.</summary>
    private static async Task<Form?> FormAsync(HttpClient client, string url)
    {
        foreach (var page in new[] { url, url[..Math.Max(1, url.LastIndexOf('/'))] })
        {
            using var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            if (!html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
            {
                continue;
            }
            var fields = FieldName().Matches(html).Select(m => m.Groups[1].Value).Where(n => n != "__RequestVerificationToken").Distinct().ToArray();
            return new Form(StaffHelpers.AntiforgeryToken(html), fields);
        }
        return null;
    }

    private static IEnumerable<(string Name, Func<HttpContent?> Build)> Bodies(Form? form)
    {
        static HttpContent Raw(byte[] bytes, string type)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            return content;
        }
        yield return ("no body", () => null);
        yield return ("invalid UTF-8 form", () => Raw([.. "name="u8, 0xFF, 0xFE, .. "&body="u8, 0xC3, 0x28, .. "&email=a%FFb"u8], "application/x-www-form-urlencoded"));
        yield return ("invalid UTF-8 JSON", () => Raw([.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\",\"body\":\""u8, 0xC0, 0xAE, .. "\"}"u8], "application/json"));
        yield return ("truncated JSON", () => Raw("{\"name\": \"张三\", \"body\": "u8.ToArray(), "application/json"));
        yield return ("JSON null", () => Raw("null"u8.ToArray(), "application/json"));
        yield return ("JSON array", () => Raw("[1,2,3]"u8.ToArray(), "application/json"));
        yield return ("JSON wrong types", () => Raw("""{"name":[1,2],"email":{"a":1},"body":123456789012345678901234567890,"wantsToSpeak":"maybe","publishName":"yes","article":-5,"category":null,"topic":[],"frequency":99}"""u8.ToArray(), "application/json"));
        yield return ("JSON impossible dates", () => Raw("""{"name":"李四","email":"a@example.com","body":"意见","date":"2026-02-30","opensUtc":"0000-00-00T99:99:99Z","article":2147483648}"""u8.ToArray(), "application/json"));
        yield return ("text/plain", () => Raw("hello"u8.ToArray(), "text/plain; charset=utf-8"));
        yield return ("XML", () => Raw("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"u8.ToArray(), "application/xml"));
        yield return ("multipart without boundary", () => Raw("--x\r\n\r\n"u8.ToArray(), "multipart/form-data"));
        yield return ("broken multipart", () => Raw("--abc\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nunterminated"u8.ToArray(), "multipart/form-data; boundary=abc"));
        yield return ("unknown charset", () => Raw("name=x"u8.ToArray(), "application/x-www-form-urlencoded; charset=ebcdic-xx"));
        yield return ("huge JSON", () => Raw(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('长', 1_000_000) + "\",\"body\":\"x\"}"), "application/json"));
        yield return ("huge form without token", () => new FormUrlEncodedContent([new("body", new string('x', 2_000_000))]));
        if (form is null)
        {
            yield break;
        }
        KeyValuePair<string, string> Token() => new("__RequestVerificationToken", form.Token);
        yield return ("only the token", () => new FormUrlEncodedContent([Token()]));
        yield return ("every field twice", () => new FormUrlEncodedContent([Token(), .. form.Fields.SelectMany(f => new[] { new KeyValuePair<string, string>(f, "甲"), new(f, "乙") })]));
        yield return ("every field blank", () => new FormUrlEncodedContent([Token(), .. form.Fields.Select(f => new KeyValuePair<string, string>(f, ""))]));
        yield return ("odd Unicode in every field", () => new FormUrlEncodedContent([Token(), .. form.Fields.Select(f => new KeyValuePair<string, string>(f, "\u202e\u200b＜ｓｃｒｉｐｔ＞\uFEFF\uD800"))]));
        yield return ("impossible values in every field", () => new FormUrlEncodedContent([Token(), .. form.Fields.Select(f => new KeyValuePair<string, string>(f, "2026-02-30"))]));
        yield return ("huge value in every field", () => new FormUrlEncodedContent([Token(), .. form.Fields.Select(f => new KeyValuePair<string, string>(f, new string('意', 100_000)))]));
        yield return ("invalid UTF-8 with the token", () => Raw([.. Encoding.ASCII.GetBytes("__RequestVerificationToken=" + Uri.EscapeDataString(form.Token) + "&" + string.Join('&', form.Fields.Select(f => f + "=%FF%C3%28"))), .. "&x="u8, 0xFF], "application/x-www-form-urlencoded"));
    }

    /// <summary>A hash of every stored table that holds the site's data (bookkeeping tables such as the audit trail, the outbox and cursors are left out).</summary>
    private static Task<string> SnapshotAsync(PortalFactory site) => site.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.ClrType.GetCustomAttribute<NotAuditedAttribute>() is null && t.ClrType != typeof(DataProtectionKey))
            .Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var values = new object[reader.FieldCount];
                    reader.GetValues(values);
                    rows.Add(string.Join('\u001f', values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                }
            }
            rows.Sort(StringComparer.Ordinal);
            hash.AppendData(Encoding.UTF8.GetBytes(table + "\u001e" + string.Join('\u001e', rows)));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    });

    private static string Short(string text) => text.Length > 160 ? text[..160] + "…" : text;

    [GeneratedRegex(@"(\bat [\w.`<>]+\.[\w<>`]+\(|\w+Exception\b|\.cs:line \d)")]
    private static partial Regex StackTrace();

    [GeneratedRegex("<loc>([^<]+)</loc>")]
    private static partial Regex Loc();

    [GeneratedRegex("\"slug\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex SlugField();

    [GeneratedRegex("<(?:input|textarea|select)[^>]*\\bname=\"([^\"]+)\"")]
    private static partial Regex FieldName();
}
