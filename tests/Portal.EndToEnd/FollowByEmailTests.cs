using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// A reader follows a disclosure section by email from its page, confirms from the mail, and leaves with the link in
/// the mail. The site has no SMTP host here, so the mail is read from the pickup folder.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class FollowByEmailTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    [Fact]
    public async Task Reader_FollowsASection_ConfirmsFromTheMail_AndUnsubscribesFromTheMail()
    {
        var email = $"reader.{Guid.NewGuid():N}@example.com";
        await Page.GotoAsync("/sections/policies");
        await Page.GetByTestId("follow-by-email").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/subscriptions\?topic=section:policies$"));
        var form = Page.Locator("form[action='/subscriptions']");
        await Expect(form.Locator("select[name=Topic]")).ToHaveValueAsync("section:policies");
        await form.Locator("input[name=Email]").FillAsync(email);
        await form.Locator("input[name=Frequency][value=weekly]").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-state=pending]")).ToBeVisibleAsync();

        var mail = await WaitForMailAsync(email);
        var confirm = ConfirmLink().Match(mail).Value;
        var unsubscribe = UnsubscribeLink().Match(mail).Value;
        Assert.NotEqual("", confirm);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", mail);

        await Page.GotoAsync(confirm);
        await Page.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Expect(Page.Locator("[data-state=confirmed]")).ToBeVisibleAsync();

        await Page.GotoAsync(unsubscribe);
        await Page.GetByRole(AriaRole.Button, new() { Name = "退订" }).ClickAsync();
        await Expect(Page.Locator("[data-state=unsubscribed]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("subscription-message")).ToContainTextAsync("不再收到");
    }

    private async Task<string> WaitForMailAsync(string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(Server.MailPickup))
            {
                foreach (var file in Directory.GetFiles(Server.MailPickup, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains("To: " + address, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No mail to {address} in {Server.MailPickup}.");
    }

    [GeneratedRegex("/subscriptions/confirm/[0-9a-f]{40}")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("/subscriptions/unsubscribe/[0-9a-f]{40}")]
    private static partial Regex UnsubscribeLink();
}
