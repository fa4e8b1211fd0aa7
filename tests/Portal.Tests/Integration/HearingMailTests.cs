using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using MimeKit;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>A hearing's participant mail through a real SMTP server: confirmation with the invitation, waitlist, cancellation and promotion.</summary>
public sealed class HearingMailTests
{
    [Fact]
    public async Task SignUpWaitlistCancelAndPromotion_EachArriveOnce_WithTheInvitationForASeat()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: NotificationTests.MailSettings(smtp));
        await HearingTests.ScheduleAsync(site, "mail-hearing", 1, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var first = await (await HearingTests.SignUpAsync(client, "mail-hearing", "first@example.com")).Content.ReadFromJsonAsync<JsonElement>();
        var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hearings/mail-hearing/registrations?lang=en")
        {
            Content = JsonContent.Create(new { name = "Second", email = "second@example.com", wantsToSpeak = false }),
        };
        var second = await (await client.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", first.GetProperty("status").GetString());
        Assert.Equal("waitlisted", second.GetProperty("status").GetString());
        var cancelled = await client.DeleteAsync($"/api/v1/hearings/registrations/{first.GetProperty("code").GetString()}?token={first.GetProperty("cancelToken").GetString()}");
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());

        var mail = await smtp.WaitForAsync(4);
        MimeMessage For(string to, string kind) => Assert.Single(mail, m => m.To.Mailboxes.Single().Address == to && m.TextBody?.Contains(kind, StringComparison.Ordinal) == true);
        var confirmation = For("first@example.com", "已确认");
        Assert.Contains(first.GetProperty("code").GetString()!, confirmation.Subject);
        Assert.Contains("/cancel?token=", confirmation.TextBody);
        var invitation = Calendar.Load(await IcsOfAsync(confirmation))!.Events.Single();
        Assert.Equal("农贸市场摊位费调整听证会", invitation.Summary);

        var waitlisted = For("second@example.com", "number 1 on the waitlist");
        Assert.Equal("en", NotificationTests.Lang(waitlisted));
        Assert.Empty(waitlisted.Attachments);
        For("first@example.com", "已取消");
        var promoted = For("second@example.com", "A seat became free");
        Assert.Single(promoted.Attachments);
        Assert.Equal(4, mail.Count);
    }

    internal static async Task<string> IcsOfAsync(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        return System.Text.Encoding.UTF8.GetString(content.ToArray());
    }
}
