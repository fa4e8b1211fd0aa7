using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Notifications.Alerts;
using Portal.Notifications.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The reminder the day before a hearing, through a real SMTP server: confirmed participants only, once each.</summary>
public sealed class HearingReminderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static bool IsReminder(MimeMessage m) => m.Headers["X-Portal-Template"] == "hearing-update"
        && m.TextBody?.Contains("/cancel?token=", StringComparison.Ordinal) == true
        && (m.Subject?.StartsWith("听证会提醒", StringComparison.Ordinal) == true || m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true);

    private static async Task<JsonElement> SignUpAsync(HttpClient client, string slug, string email, string lang = "zh-CN")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/hearings/{slug}/registrations?lang={lang}", new { name = "市民" + email[..1], email, wantsToSpeak = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ReminderTheDayBefore_ReachesEachConfirmedParticipantOnce_InTheirLanguage_AcrossTwoNodesAndARestart()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        await using var database = new PostgresDatabase();
        Dictionary<string, string?> Node()
        {
            var settings = NotificationTests.MailSettings(smtp);
            database.Use(settings);
            settings["Portal:Hearings:SignUpsPerIpPerMinute"] = "1000";
            return settings;
        }
        var first = new PortalFactory(clock: clock, settings: Node());
        var second = new PortalFactory(clock: clock, settings: Node());
        try
        {
            await HearingTests.ScheduleAsync(first, "reminded", 2, clock.GetUtcNow());
            var client = first.CreateClient();
            var a = await SignUpAsync(client, "reminded", "a@example.com");
            var b = await SignUpAsync(client, "reminded", "b@example.com", "en");
            var c = await SignUpAsync(client, "reminded", "c@example.com");
            var d = await SignUpAsync(client, "reminded", "d@example.com");
            Assert.Equal("waitlisted", d.GetProperty("status").GetString());
            var cancel = await client.DeleteAsync($"/api/v1/hearings/registrations/{a.GetProperty("code").GetString()}?token={a.GetProperty("cancelToken").GetString()}");
            Assert.True(cancel.IsSuccessStatusCode);
            // a: confirmed, cancelled; b: confirmed; c: waitlisted, promoted; d: waitlisted.
            await smtp.WaitForAsync(6);
            await NotificationTests.WaitUntilAsync(first, db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Sent));

            var jobs = new[] { first.Services.GetRequiredService<NotificationJobs>(), second.Services.GetRequiredService<NotificationJobs>() };
            async Task RoundAsync()
            {
                // Both nodes try at once; the job lease lets one run. The lease then expires, so the other node runs next time.
                await Task.WhenAll(jobs.Select(j => j.RunOnceAsync(CancellationToken.None)));
                // Sends finish before the fake clock jumps past the rows' send leases (a real clock does not jump minutes at once).
                await NotificationTests.WaitUntilAsync(first, db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Sent));
                clock.Advance(TimeSpan.FromMinutes(4));
            }
            await RoundAsync();
            clock.Advance(TimeSpan.FromDays(9) - TimeSpan.FromMinutes(4) - TimeSpan.FromHours(1));
            await RoundAsync();
            await Task.Delay(800);
            Assert.DoesNotContain(smtp.Messages(), IsReminder);

            // 23 hours before the start.
            clock.Advance(TimeSpan.FromHours(2));
            for (var i = 0; i < 4; i++)
            {
                await RoundAsync();
            }
            var reminders = await smtp.WaitForAsync(2, IsReminder);
            await Task.Delay(1000);
            reminders = smtp.Messages().Where(IsReminder).ToList();
            Assert.Equal(["b@example.com", "c@example.com"], reminders.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
            var english = Assert.Single(reminders, m => m.To.Mailboxes.Single().Address == "b@example.com");
            Assert.Equal("en", NotificationTests.Lang(english));
            Assert.StartsWith("Reminder: hearing “农贸市场摊位费调整听证会”", english.Subject, StringComparison.Ordinal);
            Assert.Contains(b.GetProperty("code").GetString()!, english.TextBody);
            Assert.Contains("天府大道中段 88 号", english.TextBody);
            Assert.Contains($"/cancel?token={b.GetProperty("cancelToken").GetString()}", english.TextBody);
            var chinese = Assert.Single(reminders, m => m.To.Mailboxes.Single().Address == "c@example.com");
            Assert.Equal("zh-CN", NotificationTests.Lang(chinese));
            Assert.Contains("听证会即将举行", chinese.TextBody);
            var ics = chinese.Attachments.OfType<MimePart>().Single();
            Assert.Equal("text/calendar", ics.ContentType.MimeType);
            using var content = new MemoryStream();
            await ics.Content!.DecodeToAsync(content);
            var invitation = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!.Events.Single();
            Assert.Equal(c.GetProperty("code").GetString() + "@hearings.portal", invitation.Uid);
            Assert.Equal(Start.AddDays(10).UtcDateTime, invitation.Start!.AsUtc);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }

        // A restarted node runs the job again before the hearing: nothing more.
        using (var restarted = new PortalFactory(clock: clock, settings: Node()))
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.True(await restarted.Services.GetRequiredService<NotificationJobs>().RunOnceAsync(CancellationToken.None));
            Assert.Equal(2, await restarted.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.DeduplicationKey!.Contains(":reminder:"))));
            await Task.Delay(1000);
        }
        Assert.Equal(2, smtp.Messages().Count(IsReminder));
    }

    [Fact]
    public async Task HearingScheduledLessThanADayAhead_RemindsAtOnce_AndNobodyAfterItStarted()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var settings = NotificationTests.MailSettings(smtp);
        settings["Portal:Hearings:RegistrationClosesDaysBefore"] = "0";
        using var site = new PortalFactory(clock: clock, settings: settings);
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var now = clock.GetUtcNow();
        foreach (var (slug, startsIn) in new[] { ("soon", TimeSpan.FromHours(6)), ("later", TimeSpan.FromHours(7)) })
        {
            var created = await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
            {
                title = "临时听证会 " + slug, slug, matters = "听取意见。", organizer = "价格监督检查科",
                startsUtc = now + startsIn, endsUtc = now + startsIn + TimeSpan.FromHours(2), venueName = "听证室", venueAddress = "天府大道中段 88 号",
                seats = 5, speakerSlots = 0, registrationOpensUtc = now.AddMinutes(-1), registrationClosesUtc = now.AddHours(5),
                selection = "first_come", categories = Array.Empty<object>(), selectionRules = "规则",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var client = site.CreateClient();
        await SignUpAsync(client, "soon", "early@example.com");
        await smtp.WaitForAsync(1);
        var jobs = site.Services.GetRequiredService<NotificationJobs>();
        Assert.True(await jobs.RunOnceAsync(CancellationToken.None));
        var reminder = Assert.Single(await smtp.WaitForAsync(1, IsReminder));
        Assert.Equal("early@example.com", reminder.To.Mailboxes.Single().Address);

        // Signed up for the other hearing, but the job only runs again after it started: no reminder for a past hearing.
        await SignUpAsync(client, "later", "late@example.com");
        clock.Advance(TimeSpan.FromHours(8));
        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(1000);
        Assert.Single(smtp.Messages(), IsReminder);
        Assert.Equal(3, smtp.Messages().Count);
    }
}
