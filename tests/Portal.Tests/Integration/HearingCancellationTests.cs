using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Portal.Hearings.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Staff cancel a hearing or change its time or place, and every participant is told through a real SMTP server, with
/// the calendar invitation replaced (same UID, next SEQUENCE); the public and registration pages say so.
/// </summary>
public sealed class HearingCancellationTests
{
    private const string Reason = "因会场检修，本次听证会取消，另行择期举行。<b>不得</b>执行标记";

    private static async Task<(JsonElement First, JsonElement Second)> TwoParticipantsAsync(HttpClient client, string slug)
    {
        var first = await (await HearingTests.SignUpAsync(client, slug, "first@example.com")).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await HearingTests.SignUpAsync(client, slug, "second@example.com")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", first.GetProperty("status").GetString());
        Assert.Equal("waitlisted", second.GetProperty("status").GetString());
        return (first, second);
    }

    private static MimeMessage For(IReadOnlyList<MimeMessage> mail, string to, string text) =>
        Assert.Single(mail, m => m.To.Mailboxes.Single().Address == to && m.TextBody?.Contains(text, StringComparison.Ordinal) == true);

    [Fact]
    public async Task Cancelling_TellsEveryParticipant_PublishesTheReason_AndClosesSignUps()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: NotificationTests.MailSettings(smtp));
        var staff = await HearingTests.ScheduleAsync(site, "called-off", 1, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        var (first, second) = await TwoParticipantsAsync(client, "called-off");
        var sent = await smtp.WaitForAsync(2);

        // Both pages are in the public page cache before the change; neither may be served stale after it.
        Assert.DoesNotContain("data-testid=\"hearing-cancelled\"", await client.GetStringAsync("/hearings/called-off"));
        Assert.DoesNotContain("status-cancelled", await client.GetStringAsync("/hearings"));

        var tooShort = await staff.PostAsJsonAsync("/api/v1/admin/hearings/called-off/cancel", new { reason = " 无 " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Contains("reason", await tooShort.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var cancelled = await staff.PostAsJsonAsync("/api/v1/admin/hearings/called-off/cancel", new { reason = Reason });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var detail = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", detail.GetProperty("status").GetString());
        Assert.Equal(Reason, detail.GetProperty("cancellationReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/v1/admin/hearings/called-off/cancel", new { reason = Reason })).StatusCode);

        var page = await client.GetStringAsync("/hearings/called-off");
        Assert.Contains("data-testid=\"hearing-cancelled\"", page);
        Assert.Contains("因会场检修，本次听证会取消", page);
        Assert.Contains("&lt;b&gt;不得&lt;/b&gt;", page);
        Assert.DoesNotContain("id=\"signup-form\"", page);
        Assert.Contains("status-cancelled", await client.GetStringAsync("/hearings"));
        Assert.Equal(HttpStatusCode.Conflict, (await HearingTests.SignUpAsync(client, "called-off", "late@example.com")).StatusCode);
        var ownCancel = await client.DeleteAsync($"/api/v1/hearings/registrations/{first.GetProperty("code").GetString()}?token={first.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.Conflict, ownCancel.StatusCode);
        var status = await client.GetStringAsync(first.GetProperty("statusUrl").GetString());
        Assert.Contains("data-testid=\"hearing-cancelled\"", status);
        Assert.DoesNotContain("/cancel?token=", status);
        Assert.DoesNotContain("qr-figure", status);

        var mail = await smtp.WaitForAsync(sent.Count + 2);
        var toFirst = For(mail, "first@example.com", "主办单位已取消本场听证会");
        Assert.Contains("取消通知", toFirst.Subject);
        Assert.Contains(Reason, toFirst.TextBody);
        Assert.DoesNotContain("/cancel?token=", toFirst.TextBody);
        var invitation = Calendar.Load(await HearingMailTests.IcsOfAsync(toFirst))!.Events.Single();
        Assert.Equal("CANCELLED", invitation.Status);
        Assert.Equal(1, invitation.Sequence);
        Assert.Equal($"{first.GetProperty("code").GetString()}@hearings.portal", invitation.Uid);
        Assert.Empty(For(mail, "second@example.com", "主办单位已取消本场听证会").Attachments);
        Assert.Equal(sent.Count + 2, mail.Count);
        var ics = await client.GetStringAsync(first.GetProperty("statusUrl").GetString()!.Replace("?token=", ".ics?token=", StringComparison.Ordinal));
        Assert.Contains("STATUS:CANCELLED", ics);

        // Nothing changes a cancelled hearing afterwards, and nobody is written to again.
        var edit = await staff.PutAsJsonAsync("/api/v1/admin/hearings/called-off", Notice(DateTimeOffset.UtcNow.AddDays(12)));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        await Task.Delay(500);
        Assert.Equal(sent.Count + 2, smtp.Messages().Count);
    }

    [Fact]
    public async Task NewTimeOrPlace_IsWrittenToEachParticipantOnce_WithTheInvitationReplaced()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: NotificationTests.MailSettings(smtp));
        var now = DateTimeOffset.UtcNow;
        var staff = await HearingTests.ScheduleAsync(site, "moved", 1, now);
        var client = site.CreateClient();
        var (first, _) = await TwoParticipantsAsync(client, "moved");
        var sent = (await smtp.WaitForAsync(2)).Count;

        // A new title or seat count is not a new time or place: nobody is written to.
        var retitled = await staff.PutAsJsonAsync("/api/v1/admin/hearings/moved", Notice(now.AddDays(10), "农贸市场摊位费调整听证会（第二次公告）"));
        Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);

        var later = now.AddDays(12);
        var moved = await staff.PutAsJsonAsync("/api/v1/admin/hearings/moved", Notice(later));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Saved again unchanged: still one message each.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync("/api/v1/admin/hearings/moved", Notice(later))).StatusCode);

        var mail = await smtp.WaitForAsync(sent + 2);
        var toFirst = For(mail, "first@example.com", "听证会的时间或地点已变更");
        Assert.Contains("变更通知", toFirst.Subject);
        var invitation = Calendar.Load(await HearingMailTests.IcsOfAsync(toFirst))!.Events.Single();
        Assert.Equal(1, invitation.Sequence);
        Assert.Equal("CONFIRMED", invitation.Status);
        Assert.Equal(later.UtcDateTime, invitation.Start!.AsUtc, TimeSpan.FromSeconds(1));
        Assert.Equal($"{first.GetProperty("code").GetString()}@hearings.portal", invitation.Uid);
        Assert.Empty(For(mail, "second@example.com", "听证会的时间或地点已变更").Attachments);
        await Task.Delay(500);
        Assert.Equal(sent + 2, smtp.Messages().Count);
    }

    [Fact]
    public async Task WaitlistMail_InChinese_GivesThePositionInChinese()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: NotificationTests.MailSettings(smtp));
        await HearingTests.ScheduleAsync(site, "full", 1, DateTimeOffset.UtcNow);
        await TwoParticipantsAsync(site.CreateClient(), "full");
        var mail = await smtp.WaitForAsync(2);
        Assert.Contains("候补名单第 1 位", For(mail, "second@example.com", "候补").TextBody);
    }

    [Fact]
    public async Task StaffScreen_CancelsWithAReason_AndShowsWhatToFixWithout()
    {
        using var site = new PortalFactory();
        await HearingTests.ScheduleAsync(site, "screen", 5, DateTimeOffset.UtcNow);
        await HearingTests.SignUpAsync(site.CreateClient(), "screen", "one@example.com");
        var id = await site.WithDbAsync(db => db.Set<Hearing>().Where(h => h.Slug == "screen").Select(h => h.Id).FirstAsync());
        var admin = site.CreateBrowserClient();
        await admin.SignInAsync("admin", PortalFactory.AdminPassword);
        var form = await admin.GetStringAsync($"/admin/hearings/edit?id={id}");
        Assert.Contains("id=\"cancel-title\"", form);
        Assert.Contains("全部 1 名报名人", form);

        var empty = await admin.PostAsync($"/admin/hearings/edit?id={id}&handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CancelReason"] = "", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        var shown = await empty.Content.ReadAsStringAsync();
        Assert.Contains("请填写取消原因", shown);
        Assert.Contains("农贸市场摊位费调整听证会", shown);

        var done = await admin.PostAsync($"/admin/hearings/edit?id={id}&handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CancelReason"] = Reason, ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(shown),
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await admin.GetStringAsync($"/admin/hearings/edit?id={id}");
        Assert.Contains("data-testid=\"hearing-cancelled\"", after);
        Assert.DoesNotContain("id=\"cancel-title\"", after);
        Assert.Contains("disabled", after);
    }

    private static object Notice(DateTimeOffset starts, string title = "农贸市场摊位费调整听证会") => new
    {
        title, matters = "听取意见。", organizer = "价格监督检查科",
        startsUtc = starts, endsUtc = starts.AddHours(3), venueName = "听证室", venueAddress = "天府大道中段 88 号",
        seats = 1, speakerSlots = 0, registrationClosesUtc = DateTimeOffset.UtcNow.AddDays(5),
        selection = "first_come", categories = Array.Empty<object>(), selectionRules = "规则", publish = true,
    };
}
