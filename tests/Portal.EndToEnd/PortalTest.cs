using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.EndToEnd;

/// <summary>
/// Base of every journey: a fresh browser context and page per test (so cookies never leak between tests), and at
/// the end the checks that fail a test on server warnings/errors and on browser errors (uncaught script errors,
/// console errors such as Content-Security-Policy violations).
/// </summary>
public abstract class PortalTest(PortalServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<string> browserErrors = [];
    private readonly List<Regex> expectedConsoleErrors =
    [
        // Chromium asks every site for /favicon.ico on its own (not a request of the page); the site has none, and
        // whether that answer arrives before the test ends is a matter of timing. Written to the test output, not failed on.
        new(@"/favicon\.ico\b"),
    ];

    protected PortalServer Server { get; } = server;

    protected ITestOutputHelper Output { get; } = output;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        // The server-log check at the end covers everything logged since the previous test's check (for the first
        // test: the server's start-up too).
        Context = await Server.NewContextAsync();
        Context.SetDefaultTimeout(15_000);
        Page = await NewPageAsync(Context);
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        finally
        {
            await Server.AssertServerLogCleanAsync();
        }
        List<string> errors;
        lock (browserErrors)
        {
            errors = browserErrors.Where(e => !expectedConsoleErrors.Any(x => x.IsMatch(e))).ToList();
            foreach (var expected in browserErrors.Except(errors))
            {
                Output.WriteLine("expected browser error: " + expected);
            }
        }
        if (errors.Count > 0)
        {
            throw new XunitException("The browser reported errors on the site's pages:\n" + string.Join('\n', errors));
        }
    }

    /// <summary>A page whose uncaught script errors and console errors fail the test.</summary>
    protected async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record($"page error on {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error on {page.Url}: {message.Text}" + (string.IsNullOrEmpty(message.Location) ? "" : $" (at {message.Location})"));
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record($"HTTP {response.Status} for {response.Request.Method} {response.Url} (page {page.Url})");
            }
        };
        return page;
    }

    /// <summary>A console error this test provokes on purpose (e.g. the failed load of a page answered with 404).</summary>
    protected void ExpectConsoleError(Regex pattern) => expectedConsoleErrors.Add(pattern);

    private void Record(string error)
    {
        lock (browserErrors)
        {
            browserErrors.Add(error);
        }
    }
}
