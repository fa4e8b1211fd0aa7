using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;

namespace Portal.Tests.Support;

/// <summary>
/// Portal.Web as a real operating-system process on its own port, the way an operator runs it: started, stopped
/// with SIGTERM, or killed with SIGKILL. Its console output is kept for failure messages.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiteProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(100) };
    }

    public string Url { get; }

    public HttpClient Client { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Settings every test site needs: the admin password, quiet logs, rate limits out of a load test's way.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal__DataDirectory"] = dataDirectory,
            ["Portal__Admin__Password"] = PortalFactory.AdminPassword,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Portal__Database__ThreadSafetyChecks"] = "true",
            ["Portal__Consultations__CommentsPerIpPerMinute"] = "100000000",
            ["Portal__Consultations__CommentsPerEmailPerHour"] = "100000",
            ["Portal__Hearings__SignUpsPerIpPerMinute"] = "100000000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the site and waits until <c>/health</c> answers 200.</summary>
    public static async Task<SiteProcess> StartAsync(IDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = StartInfo(environment, "--urls", url);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var site = new SiteProcess(process, url);
        process.OutputDataReceived += (_, e) => site.Append(e.Data);
        process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {process.ExitCode}: {site.Output}");
            }
            try
            {
                using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                if ((await probe.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return site;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                process.Kill();
                throw new TimeoutException($"The site did not answer /health: {site.Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Runs a verb (<c>backup</c>, <c>restore</c>, <c>token create</c>…) as its own process and waits for it.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunVerbAsync(IDictionary<string, string?> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args)) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb that never ends (a site that started when it should have refused) must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within 3 minutes: {await stderr}{await stdout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A staff API token for <paramref name="userName"/>, made by the <c>token create</c> verb.</summary>
    public static async Task<string> TokenAsync(IDictionary<string, string?> environment, string userName)
    {
        var (code, stdout, stderr) = await RunVerbAsync(environment, "token", "create", "--user", userName);
        Assert.True(code == 0, stderr + stdout);
        return stdout.TrimEnd().Split('\n')[^1].Trim();
    }

    /// <summary>The crash: no shutdown, no flush, no finally blocks.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A clean stop, as a service manager does it.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    public HttpClient ApiClient(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        Client.Dispose();
    }

    private static ProcessStartInfo StartInfo(IDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Integration.RecipeTests.FindRepository(), "src", "Portal.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}

/// <summary>What the process tests do to a running site through its public and staff APIs.</summary>
public static class LiveSite
{
    public static async Task CreateConsultationAsync(HttpClient staff, string slug, string title)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title, slug, kind = "ordinary", opensUtc = now.AddMinutes(-1), closesUtc = now.AddDays(8),
            plannedAdoptionDate = now.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            articles = new[] { "第一条 目的。", "第二条 范围。", "第三条 施行日期。" },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var published = await staff.PostAsync($"/api/v1/admin/consultations/{slug}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }

    public static async Task CreateHearingAsync(HttpClient staff, string slug, int seats)
    {
        var now = DateTimeOffset.UtcNow;
        var starts = now.AddDays(10);
        var created = await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
        {
            title = "农贸市场摊位费调整听证会", slug, matters = "听取意见。", organizer = "价格监督检查科",
            startsUtc = starts, endsUtc = starts.AddHours(3), venueName = "听证室", venueAddress = "天府大道中段 88 号",
            seats, speakerSlots = 0, registrationOpensUtc = now.AddMinutes(-1), registrationClosesUtc = now.AddDays(5),
            selection = "first_come", categories = Array.Empty<object>(), selectionRules = "先到先得",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    /// <summary>Submits a comment; the receipt number when the site acknowledged it (201), else null.</summary>
    public static async Task<string?> CommentAsync(HttpClient client, string slug, string email, int n, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/consultations/{slug}/comments", new
        {
            name = $"市民{n}", email, article = n % 3 + 1, publishName = true,
            body = $"第 {n} 条意见：建议在第 {n % 3 + 1} 条中写明办理时限和监督电话，并公开办理结果。",
        }, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("receiptNumber").GetString()
            : null;
    }

    /// <summary>Signs up; the registration code and status when acknowledged (201), else null.</summary>
    public static async Task<(string Code, string Status)?> SignUpAsync(HttpClient client, string slug, string email, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/hearings/{slug}/registrations",
            new { name = "市民", email, phone = "13800000000", affiliation = "居民", wantsToSpeak = false }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (body.GetProperty("code").GetString()!, body.GetProperty("status").GetString()!);
    }

    /// <summary>Gives a demo staff account (created without a password) a password, straight in the database.</summary>
    public static async Task SetPasswordAsync(DbConnection db, string userName, string password)
    {
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """UPDATE "AspNetUsers" SET "PasswordHash" = @hash WHERE "NormalizedUserName" = @name""";
        var hash = command.CreateParameter();
        hash.ParameterName = "hash";
        hash.Value = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), password);
        var name = command.CreateParameter();
        name.ParameterName = "name";
        name.Value = userName.ToUpperInvariant();
        command.Parameters.Add(hash);
        command.Parameters.Add(name);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
