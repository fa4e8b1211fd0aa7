using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The data-protection keys (which sign staff cookies) encrypted at rest with a certificate: as real processes, since
/// the keys are read back only by a process that did not write them.
/// </summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task KeysAreStoredEncrypted_ReadBackWithTheCertificate_AndUselessWithoutIt()
    {
        var folder = TempDirectory.Create("portal-keys");
        var first = WriteCertificate(folder, "first.pfx", "first-Passw0rd");
        var second = WriteCertificate(folder, "second.pfx", "second-Passw0rd");
        var data = TempDirectory.Create("portal-keys-site");
        var settings = SiteProcess.Settings(data, new Dictionary<string, string?>
        {
            ["Portal__DataProtection__Certificate"] = first,
            ["Portal__DataProtection__CertificatePassword"] = "first-Passw0rd",
        });
        await SiteProcess.TokenAsync(settings, "admin");
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=false"))
        {
            await LiveSite.SetPasswordAsync(db, "editor", PortalFactory.AdminPassword);
        }

        var cookies = new CookieContainer();
        string cookie;
        await using (var site = await SiteProcess.StartAsync(settings))
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(site.Url) };
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("editor", PortalFactory.AdminPassword)).StatusCode);
            cookie = cookies.GetCookieHeader(new Uri(site.Url));
            Assert.Equal(HttpStatusCode.OK, (await GetAdminAsync(site.Url, cookie)).StatusCode);
        }

        // At rest: every key's secret is encrypted XML; no master key is in the database in the clear.
        var keys = await KeysAsync(data);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        // A new process reads the keys back with the certificate: the cookie still opens the staff pages.
        await using (var site = await SiteProcess.StartAsync(settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAdminAsync(site.Url, cookie)).StatusCode);
        }

        // The certificate replaced, the old one kept as a previous certificate: still readable.
        var rotated = new Dictionary<string, string?>(settings)
        {
            ["Portal__DataProtection__Certificate"] = second,
            ["Portal__DataProtection__CertificatePassword"] = "second-Passw0rd",
            ["Portal__DataProtection__PreviousCertificates__0__Path"] = first,
            ["Portal__DataProtection__PreviousCertificates__0__Password"] = "first-Passw0rd",
        };
        await using (var site = await SiteProcess.StartAsync(rotated))
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAdminAsync(site.Url, cookie)).StatusCode);
        }

        // The database alone (no certificate, as someone holding a backup would have it): the keys cannot be read, so
        // the cookie is worth nothing there.
        var withoutCertificate = SiteProcess.Settings(data);
        await using (var site = await SiteProcess.StartAsync(withoutCertificate))
        {
            var refused = await GetAdminAsync(site.Url, cookie);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/admin/login", refused.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task AMissingOrUnreadableCertificate_StopsTheSiteWithTheSettingToFix()
    {
        var folder = TempDirectory.Create("portal-keys-bad");
        var certificate = WriteCertificate(folder, "site.pfx", "right-Passw0rd");
        var missing = SiteProcess.Settings(TempDirectory.Create("portal-keys-missing"), new Dictionary<string, string?>
        {
            ["Portal__DataProtection__Certificate"] = Path.Combine(folder, "nothing.pfx"),
        });
        var (code, _, error) = await SiteProcess.RunVerbAsync(missing, "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, code);
        Assert.Contains($"Portal:DataProtection:Certificate: the certificate file '{Path.Combine(folder, "nothing.pfx")}' does not exist.", error);

        var wrongPassword = SiteProcess.Settings(TempDirectory.Create("portal-keys-password"), new Dictionary<string, string?>
        {
            ["Portal__DataProtection__Certificate"] = certificate,
            ["Portal__DataProtection__CertificatePassword"] = "wrong",
        });
        (code, _, error) = await SiteProcess.RunVerbAsync(wrongPassword, "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, code);
        Assert.Contains($"Portal:DataProtection:Certificate: '{certificate}' could not be read as a PKCS#12 (.pfx) file with the password given", error);
    }

    private static string WriteCertificate(string folder, string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static async Task<HttpResponseMessage> GetAdminAsync(string url, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<List<string>> KeysAsync(string data)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT "Xml" FROM "DataProtectionKeys" """;
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
