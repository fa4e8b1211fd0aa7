using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Portal.EndToEnd;

/// <summary>
/// Collection fixture: the REAL site (<c>src/Portal.Web/bin/&lt;Configuration&gt;/net10.0/Portal.Web.dll</c>) in a child
/// process on a free loopback port, with a fresh data directory (so the demo recipe is applied to an empty site), plus
/// one headless system Chromium shared by the tests of the collection.
/// </summary>
/// <remarks>
/// CONVENTIONS: end-to-end tests fail on any warning or error the server logs. Every test checks the server output
/// written since the previous check (<see cref="AssertServerLogClean"/>), so a failure lands on the test that caused it.
/// </remarks>
public class PortalServer : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "E2e-Admin-Passw0rd";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Warnings that are expected and harmless here; every other warning fails the test that caused it.</summary>
    private static readonly string[] AllowedWarnings =
    [
        // Keys are kept in the database (PersistKeysToDbContext) without an XML encryptor: expected in this deployment.
        // Matched by its message, or by its category and event id when the message line has not arrived yet.
        "No XML encryptor configured",
        "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[35]",
    ];

    private readonly object gate = new();
    private readonly List<string> output = [];
    private int checkedLines;
    private Process? process;
    private string? dataDirectory;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where the site writes mail when no SMTP host is configured (<c>&lt;DataDirectory&gt;/mail-pickup</c>).</summary>
    public string MailPickup => Path.Combine(dataDirectory ?? "", "mail-pickup");

    /// <summary><c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots for humans go: <c>tests/Portal.EndToEnd/bin/screenshots/</c>.</summary>
    public string ScreenshotDirectory => Path.Combine(RepositoryRoot, "tests", "Portal.EndToEnd", "bin", "screenshots");

    /// <summary>The server's stdout and stderr so far, one entry a line.</summary>
    public IReadOnlyList<string> ServerOutput
    {
        get
        {
            lock (gate)
            {
                return [.. output];
            }
        }
    }

    /// <summary>Settings a fixture of its own adds to the site's environment (<c>Portal__Section__Key</c> = value).</summary>
    protected virtual IReadOnlyDictionary<string, string> SiteEnvironment { get; } = new Dictionary<string, string>();

    public static string BuildConfiguration =>
        typeof(PortalServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";

    public async Task InitializeAsync()
    {
        // Never fetch browsers: the tests use the system Chromium.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        var webProject = Path.Combine(RepositoryRoot, "src", "Portal.Web");
        var dll = Path.Combine(webProject, "bin", BuildConfiguration, "net10.0", "Portal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"The site is not built: {dll} does not exist. Build it first with " +
                $"`dotnet build src/Portal.Web -c {BuildConfiguration}` (from {RepositoryRoot}), then run the end-to-end tests again.");
        }

        dataDirectory = Path.Combine(Path.GetTempPath(), "portal-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        // Only what this run sets decides where the site listens and keeps its data.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__Admin__UserName"] = AdminUserName;
        start.Environment["Portal__Admin__Password"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__Database__ThreadSafetyChecks"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in SiteEnvironment)
        {
            start.Environment[name] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data, "");
        process.ErrorDataReceived += (_, e) => Append(e.Data, "[stderr] ");
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start `dotnet " + dll + "`.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilHealthyAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }
        }
        finally
        {
            Playwright?.Dispose();
            StopServer();
            DeleteDataDirectory();
        }
    }

    /// <summary>A fresh, isolated browser context (own cookies) at desktop size, its relative URLs resolved against the site.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1366, int height = 900, bool mobile = false) =>
        Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = 1,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });

    /// <summary>
    /// Fails when the server wrote a warning, error, critical entry or unhandled exception since the last check, or
    /// exited. Waits briefly first: the output of the last request may still be on its way through the pipe.
    /// </summary>
    public async Task AssertServerLogCleanAsync()
    {
        await Task.Delay(300);
        AssertServerLogClean();
    }

    public void AssertServerLogClean()
    {
        List<string> lines;
        int from;
        lock (gate)
        {
            from = checkedLines;
            lines = [.. output];
            checkedLines = lines.Count;
        }
        var problems = FindProblems(lines, from);
        if (process is { HasExited: true })
        {
            problems.Add($"The server process exited with code {process.ExitCode}.");
        }
        if (problems.Count > 0)
        {
            throw new XunitException(
                "The server logged warnings or errors (end-to-end tests fail on any; fix the cause):\n\n" +
                string.Join("\n\n", problems) + "\n\n--- server output of this test ---\n" + string.Join('\n', lines.Skip(from)));
        }
    }

    /// <summary>
    /// The entries from line <paramref name="from"/> on that fail a test: <c>fail:</c>, <c>crit:</c>, <c>warn:</c>
    /// (except <see cref="AllowedWarnings"/>) and unhandled exceptions, each with its indented continuation lines.
    /// </summary>
    internal static List<string> FindProblems(IReadOnlyList<string> lines, int from = 0)
    {
        var problems = new List<string>();
        for (var i = from; i < lines.Count; i++)
        {
            if (IsProblem(lines, i))
            {
                // The entry's message and any stack trace follow on indented lines.
                var entry = new StringBuilder(lines[i]);
                var j = i + 1;
                for (; j < lines.Count && IsContinuation(lines[j]); j++)
                {
                    if (j < i + 40)
                    {
                        entry.Append('\n').Append(lines[j]);
                    }
                }
                problems.Add(entry.ToString());
                i = j - 1; // one report per entry, even when its message mentions an unhandled exception too
            }
        }
        return problems;
    }

    private static bool IsProblem(IReadOnlyList<string> lines, int i)
    {
        var line = lines[i];
        var text = line.StartsWith("[stderr] ", StringComparison.Ordinal) ? line["[stderr] ".Length..] : line;
        if (text.StartsWith("fail:", StringComparison.Ordinal) || text.StartsWith("crit:", StringComparison.Ordinal))
        {
            return true;
        }
        if (text.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (text.StartsWith("warn:", StringComparison.Ordinal))
        {
            // The message of a simple-console entry is on the next line.
            var message = i + 1 < lines.Count ? lines[i + 1] : "";
            return !AllowedWarnings.Any(allowed => message.Contains(allowed, StringComparison.Ordinal) || text.Contains(allowed, StringComparison.Ordinal));
        }
        return false;
    }

    private static bool IsContinuation(string line)
    {
        var text = line.StartsWith("[stderr] ", StringComparison.Ordinal) ? line["[stderr] ".Length..] : line;
        return text.StartsWith(' ') || text.StartsWith('\t');
    }

    private void Append(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            output.Add(prefix + line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
            {
                await Task.Delay(200); // let the last output arrive
                throw new InvalidOperationException(
                    $"The site exited with code {process.ExitCode} before /health answered.\n--- server output ---\n{string.Join('\n', ServerOutput)}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        var log = string.Join('\n', ServerOutput);
        StopServer();
        DeleteDataDirectory();
        throw new TimeoutException(
            $"{BaseUrl}/health did not answer 200 within {StartTimeout.TotalSeconds:0} s (last: {last}).\n--- server output ---\n{log}");
    }

    private void StopServer()
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
            process = null;
        }
    }

    private void DeleteDataDirectory()
    {
        if (dataDirectory is null || !Directory.Exists(dataDirectory))
        {
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 10)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder holding Portal.sln above {AppContext.BaseDirectory}: run the tests from a clone of the repository.");
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    /// <summary>All journeys share one server and run one after another (see xunit.runner.json).</summary>
    public const string Name = "Portal site";
}
