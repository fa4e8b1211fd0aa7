using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Events;
using Portal.Hearings;
using Portal.Hearings.Admin;
using Portal.Hearings.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The past-tense events Notifications subscribes to, raised inside the unit of work with what a message needs.</summary>
public sealed class HearingEventTests
{
    private sealed class Recorder : IEventHandler<RegistrationConfirmed>, IEventHandler<RegistrationWaitlisted>, IEventHandler<RegistrationCancelled>,
        IEventHandler<RegistrationPromoted>, IEventHandler<HearingMaterialsReleased>
    {
        public List<object> Events { get; } = [];

        public Task HandleAsync(RegistrationConfirmed e, CancellationToken ct) => Add(e);
        public Task HandleAsync(RegistrationWaitlisted e, CancellationToken ct) => Add(e);
        public Task HandleAsync(RegistrationCancelled e, CancellationToken ct) => Add(e);
        public Task HandleAsync(RegistrationPromoted e, CancellationToken ct) => Add(e);
        public Task HandleAsync(HearingMaterialsReleased e, CancellationToken ct) => Add(e);

        private Task Add(object e)
        {
            lock (Events)
            {
                Events.Add(e);
            }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task SignUpCancelAndMaterials_RaiseEvents_WithEmailCodeTokenAndCulture()
    {
        var recorder = new Recorder();
        using var plain = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        using var site = plain.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(recorder);
            s.AddScoped<IEventHandler<RegistrationConfirmed>>(p => p.GetRequiredService<Recorder>());
            s.AddScoped<IEventHandler<RegistrationWaitlisted>>(p => p.GetRequiredService<Recorder>());
            s.AddScoped<IEventHandler<RegistrationCancelled>>(p => p.GetRequiredService<Recorder>());
            s.AddScoped<IEventHandler<RegistrationPromoted>>(p => p.GetRequiredService<Recorder>());
            s.AddScoped<IEventHandler<HearingMaterialsReleased>>(p => p.GetRequiredService<Recorder>());
        }));
        var staff = site.CreateClient();
        staff.DefaultRequestHeaders.Authorization = new("Bearer", await plain.TokenForAsync("admin"));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
        {
            title = "听证会", slug = "events", startsUtc = now.AddDays(10), endsUtc = now.AddDays(10).AddHours(2), seats = 1, speakerSlots = 0,
            registrationOpensUtc = now.AddMinutes(-1), selection = "first_come",
        })).StatusCode);
        var client = site.CreateClient();
        var first = await (await client.PostAsJsonAsync("/api/v1/hearings/events/registrations", new { name = "甲", email = "a@example.com" })).Content.ReadFromJsonAsync<JsonElement>();
        await client.PostAsJsonAsync("/api/v1/hearings/events/registrations", new { name = "乙", email = "b@example.com" });
        var confirmed = Assert.Single(recorder.Events.OfType<RegistrationConfirmed>());
        Assert.Equal("a@example.com", confirmed.Registrant.Email);
        Assert.Equal(first.GetProperty("code").GetString(), confirmed.Registrant.Code);
        Assert.Equal(first.GetProperty("cancelToken").GetString(), confirmed.Registrant.CancelToken);
        Assert.Equal("zh-CN", confirmed.Registrant.Culture);
        Assert.Equal(1, Assert.Single(recorder.Events.OfType<RegistrationWaitlisted>()).Position);

        await client.DeleteAsync($"/api/v1/hearings/registrations/{first.GetProperty("code").GetString()}?token={first.GetProperty("cancelToken").GetString()}");
        Assert.Equal("a@example.com", Assert.Single(recorder.Events.OfType<RegistrationCancelled>()).Registrant.Email);
        Assert.Equal("b@example.com", Assert.Single(recorder.Events.OfType<RegistrationPromoted>()).Registrant.Email);
        // Signing up again reuses the cancelled row, already stored as waitlisted when the queue is counted: first in line, not second.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/hearings/events/registrations", new { name = "甲", email = "a@example.com" })).StatusCode);
        Assert.Equal([1, 1], recorder.Events.OfType<RegistrationWaitlisted>().Select(e => e.Position));

        using var scope = site.Services.CreateScope();
        var participants = scope.ServiceProvider.GetRequiredService<HearingParticipants>();
        var id = await scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDb>().Set<Hearing>().Select(h => h.Id).SingleAsync();
        Assert.Equal(409, (await participants.ReleaseMaterialsAsync(id, CancellationToken.None)).Refusal?.Status);
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        Assert.True((await participants.AddMaterialAsync(id, new MemoryStream(pdf), "方案.pdf", "听证方案", CancellationToken.None)).Succeeded);
        Assert.Equal(1, (await participants.ReleaseMaterialsAsync(id, CancellationToken.None)).Value);
        Assert.Equal("b@example.com", Assert.Single(recorder.Events.OfType<HearingMaterialsReleased>()).Registrant.Email);
        var page = await client.GetStringAsync("/hearings/events");
        Assert.Contains("/hearings/events/materials/1/", page);
        var material = await client.GetAsync("/hearings/events/materials/1/x");
        Assert.Equal(HttpStatusCode.OK, material.StatusCode);
        // Served like every other public file: not runnable as a page, and revalidated before each reuse.
        Assert.Equal("public, no-cache", material.Headers.CacheControl?.ToString());
        Assert.Contains("sandbox", material.Headers.GetValues("Content-Security-Policy").Single());
        var again = new HttpRequestMessage(HttpMethod.Get, "/hearings/events/materials/1/x");
        again.Headers.IfNoneMatch.Add(material.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }
}
