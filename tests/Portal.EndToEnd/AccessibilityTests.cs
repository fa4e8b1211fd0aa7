using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.EndToEnd;

/// <summary>
/// User story 6: the public pages are usable with assistive technology. axe-core runs on each page; any violation
/// of impact "serious" or "critical" fails, with the rule, impact and elements in the message so it can be fixed.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Theory]
    [InlineData("/")]
    [InlineData("/sections/policies")]
    [InlineData("/documents/bureau-functions")]
    [InlineData("/guides/company-establishment-registration")]
    [InlineData("/statements")]
    [InlineData("/statements/press-conference-prepaid-card-rules")]
    [InlineData("/statements/statement-stall-fee-hearing-clarification/revisions/2")]
    [InlineData("/statements/statement-elevator-inspection-figures")]
    [InlineData("/hearings")]
    [InlineData("/hearings/business-license-display-hearing")]
    [InlineData("/hearings/prepaid-card-rules-hearing")]
    [InlineData("/subscriptions?topic=section:policies")]
    [InlineData("/sections/fees")]
    [InlineData("/sitemap")]
    [InlineData("/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7")]
    [InlineData("/search?q=%E4%B8%80%E5%AE%A1%E4%B8%80%E6%A0%B8")]
    public async Task Page_HasNoSeriousOrCriticalAxeViolations(string path)
    {
        await OpenAsync(path);
        await AssertNoBlockingViolationsAsync(path);
    }

    [Fact]
    public async Task CareThemeHome_HasNoSeriousOrCriticalAxeViolations()
    {
        var admin = await NewPageAsync(Context);
        await Staff.SignInAsync(admin);
        await Staff.UseCareThemeAsync(admin);
        try
        {
            await OpenAsync("/");
            Assert.Equal(1, await Page.Locator("head link[rel=stylesheet][href^='/themes/care/care.css']").CountAsync());
            await AssertNoBlockingViolationsAsync("/ (care theme)");
        }
        finally
        {
            await Staff.UseCivicThemeAsync(admin);
        }
    }

    private async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private async Task AssertNoBlockingViolationsAsync(string label)
    {
        var result = await Page.RunAxe();
        foreach (var v in result.Violations)
        {
            Output.WriteLine($"{label}: {v.Id} ({v.Impact}) × {v.Nodes.Length}");
        }
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        if (blocking.Count > 0)
        {
            throw new XunitException($"axe found {blocking.Count} serious/critical violation(s) on {label}:\n" + Describe(blocking));
        }
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(10))
            {
                text.AppendLine($"    target: {node.Target}");
                text.AppendLine($"      html: {Shorten(node.Html)}");
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    text.AppendLine($"      {check.Id}: {check.Message}");
                }
            }
            if (v.Nodes.Length > 10)
            {
                text.AppendLine($"    … and {v.Nodes.Length - 10} more element(s)");
            }
        }
        return text.ToString();
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 200 ? html : html[..200] + "…";
}
