using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The <c>export</c> verb as a real process beside a running site (the demo content): one consultation to a file or to
/// standard output, and <c>--all</c> into a folder with an index, byte for byte what the site's download links serve,
/// with no contact details; and its refusals, each with a message a person can act on.
/// </summary>
public sealed class OpenDataExportTests
{
    private const string Adopted = "business-license-display-rules-adopted";

    [Fact]
    public Task Sqlite_ExportBesideARunningSite_IsByteForByteTheDownload_AndTheFolderIndexListsEveryPublicConsultation() => ExportAsync(postgres: false);

    [Fact]
    public Task Postgres_ExportBesideARunningSite_IsByteForByteTheDownload_AndTheFolderIndexListsEveryPublicConsultation() => ExportAsync(postgres: true);

    [Fact]
    public async Task Export_RefusesWhatItCannotDo_WithAMessage_AndLeavesAnEarlierFileAsItWas()
    {
        var site = SiteProcess.Settings(TempDirectory.Create("portal-export-refusals"), new Dictionary<string, string?> { ["Portal__Recipe"] = "demo" });
        Assert.Equal(0, (await SiteProcess.RunVerbAsync(site, "recipe", "demo")).ExitCode);
        var folder = TempDirectory.Create("portal-export-out");

        var (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", "no-such-consultation");
        Assert.Equal(1, code);
        Assert.Contains("There is no published consultation 'no-such-consultation'", error);

        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", Adopted, "--format", "xml");
        Assert.Equal(2, code);
        Assert.Contains("Unknown format 'xml': use csv or json.", error);
        Assert.Contains("Usage: export", error);

        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export");
        Assert.Equal(2, code);
        Assert.Contains("Name the consultation to export", error);

        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", Adopted, "--format");
        Assert.Equal(2, code);
        Assert.Contains("--format needs a value.", error);

        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", Adopted, "--all", folder);
        Assert.Equal(2, code);
        Assert.Contains("--all writes every consultation", error);

        var nowhere = SiteProcess.Settings(Path.Combine(folder, "not-a-site"));
        (code, _, error) = await SiteProcess.RunVerbAsync(nowhere, "export", Adopted);
        Assert.Equal(1, code);
        Assert.Contains("There is no site database at", error);
        Assert.False(Directory.Exists(Path.Combine(folder, "not-a-site")), "an export must not create a site where there was none");

        // A file from an earlier export stays whole when the next one cannot be written; nothing half-written is left.
        var target = Path.Combine(folder, "comments.csv");
        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", Adopted, "--out", target);
        Assert.True(code == 0, error);
        var earlier = await File.ReadAllBytesAsync(target);
        (code, _, error) = await SiteProcess.RunVerbAsync(site, "export", Adopted, "--out", Path.Combine(folder, "missing-folder", "comments.csv"));
        Assert.Equal(1, code);
        Assert.Contains("export failed:", error);
        Assert.Equal(earlier, await File.ReadAllBytesAsync(target));
        Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories));
    }

    private static async Task ExportAsync(bool postgres)
    {
        await using var database = postgres ? new PostgresDatabase() : null;
        var settings = SiteProcess.Settings(TempDirectory.Create("portal-export"), database?.ProcessSettings());
        var folder = TempDirectory.Create("portal-export-out");
        await using var site = await SiteProcess.StartAsync(settings);

        // One consultation, to a file (CSV) and to standard output (JSON), while the site runs.
        var csvFile = Path.Combine(folder, "one.csv");
        var (code, output, error) = await SiteProcess.RunVerbAsync(settings, "export", Adopted, "--out", csvFile);
        Assert.True(code == 0, error + output);
        Assert.Contains($"comments of '{Adopted}' written to {csvFile}", error);
        var download = await site.Client.GetByteArrayAsync($"/consultations/{Adopted}/comments.csv");
        Assert.Equal(download, await File.ReadAllBytesAsync(csvFile));
        (code, output, error) = await SiteProcess.RunVerbAsync(settings, "export", Adopted, "--format", "json");
        Assert.True(code == 0, error);
        var json = await site.Client.GetStringAsync($"/consultations/{Adopted}/comments.json");
        Assert.Equal(json, output);

        // What the files hold: every moderated comment, the responses of the adopted decision, Chinese as itself, no contacts.
        await using var db = Connection(settings, postgres);
        await db.OpenAsync();
        var moderated = int.Parse((await SqlQueries.ScalarAsync(db, $"""SELECT COUNT(*) FROM "Comments" c JOIN "Consultations" k ON k."Id" = c."ConsultationId" WHERE k."Slug" = '{Adopted}' AND c."Status" <> 0"""))!, System.Globalization.CultureInfo.InvariantCulture);
        var comments = JsonDocument.Parse(json).RootElement.GetProperty("comments");
        Assert.True(moderated > 0);
        Assert.Equal(moderated, comments.GetArrayLength());
        Assert.Contains(comments.EnumerateArray(), c => c.TryGetProperty("response", out var r) && r.GetProperty("disposition").GetString() == "adopted");
        Assert.Contains("锦城市", json);
        Assert.DoesNotContain("\\u", json);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(csvFile));
        Assert.StartsWith("\uFEFFreceipt_number,author,organization,article,submitted,status,", csv);
        Assert.All(comments.EnumerateArray(), c => Assert.Contains(c.GetProperty("receiptNumber").GetString()! + ",", csv));
        foreach (var email in await SqlQueries.ColumnAsync(db, """SELECT DISTINCT "Email" FROM "Comments" WHERE "Email" <> '' """))
        {
            Assert.DoesNotContain(email, csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email, json, StringComparison.OrdinalIgnoreCase);
        }

        // Every public consultation into a folder: both formats, each file what the site serves, an index with sizes and hashes.
        var all = Path.Combine(folder, "open-data");
        (code, output, error) = await SiteProcess.RunVerbAsync(settings, "export", "--all", all);
        Assert.True(code == 0, error + output);
        var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(all, "index.json"))).RootElement;
        var listed = index.GetProperty("consultations").EnumerateArray().Select(c => c.GetProperty("slug").GetString()!).ToList();
        var visible = await SqlQueries.ColumnAsync(db, """SELECT "Slug" FROM "Consultations" WHERE "State" <> 0""");
        Assert.Equal(visible.Order(), listed.Order());
        Assert.Contains(Adopted, listed);
        Assert.Equal("adopted", index.GetProperty("consultations").EnumerateArray().Single(c => c.GetProperty("slug").GetString() == Adopted).GetProperty("state").GetString());
        var expectedFiles = new List<string> { "index.json" };
        foreach (var consultation in index.GetProperty("consultations").EnumerateArray())
        {
            var slug = consultation.GetProperty("slug").GetString()!;
            foreach (var file in consultation.GetProperty("files").EnumerateArray())
            {
                var name = file.GetProperty("name").GetString()!;
                expectedFiles.Add(name);
                var bytes = await File.ReadAllBytesAsync(Path.Combine(all, name));
                Assert.Equal(file.GetProperty("bytes").GetInt64(), bytes.LongLength);
                Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
                var url = $"/consultations/{slug}/comments.{Path.GetExtension(name).TrimStart('.')}";
                var served = await site.Client.GetByteArrayAsync(url);
                Assert.True(bytes.AsSpan().SequenceEqual(served), $"{name} differs from {url}");
            }
        }
        Assert.Equal(expectedFiles.Order(), Directory.GetFiles(all).Select(f => Path.GetFileName(f)!).Order());
    }

    private static DbConnection Connection(Dictionary<string, string?> settings, bool postgres) => postgres
        ? new NpgsqlConnection(settings["ConnectionStrings__Portal"])
        : new SqliteConnection($"Data Source={Path.Combine(settings["Portal__DataDirectory"]!, "portal.db")};Pooling=false");
}
