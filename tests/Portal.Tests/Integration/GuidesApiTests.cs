using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The service guide API: staff write and publish guides as on the admin pages; the public reads published ones.</summary>
public sealed class GuidesApiTests
{
    private static object Guide(string itemName, string slug, int promised = 5, int statutory = 20) => new
    {
        itemName, slug, itemCode = "11510100MB0000000X-001", department = "登记注册科", category = "行政许可",
        summary = "个体工商户设立登记的办理指南。",
        legalBasis = new[] { "《促进个体工商户发展条例》", "  " },
        conditions = new[] { "有经营能力的自然人" },
        materials = new object?[] { new { name = "个体工商户登记（备案）申请书", original = 1, copies = 0, note = "" }, null },
        steps = new[] { new { name = "申请", actor = "申请人", description = "线上或窗口提交材料", days = 0 }, new { name = "审核", actor = "登记窗口", description = "材料齐全当场办结", days = 0 } },
        promisedDays = promised, statutoryDays = statutory,
        fees = new[] { new { item = "登记费", standard = "不收费", basis = "" } },
        faq = new[] { new { q = "能否网上办理？", a = "可以，通过政务服务网办理。" } },
        where = "市民服务中心二楼 B 区", hours = "工作日 9:00—17:00", phone = "028-00000000", online = "https://example.gov.cn",
    };

    /// <summary>A time limit of 0 means the service is done on the spot: never "0 个工作日" on the guide, its card or the home page.</summary>
    [Fact]
    public async Task AGuideDoneOnTheSpot_SaysSo_InsteadOfZeroWorkingDays()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffBootstrap>().CreateAsync("editor", "编辑", null, null, [StaffRoles.Editor]);
        }
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var created = await editor.PostAsJsonAsync("/api/v1/admin/guides", Guide("个体工商户设立登记", "on-the-spot", promised: 0, statutory: 0));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/admin/guides/{id}/publish", null)).StatusCode);

        var anonymous = site.CreateClient();
        var page = await anonymous.GetStringAsync("/guides/on-the-spot");
        Assert.Contains("<dt>承诺时限</dt><dd><b>即时办结</b></dd>", page);
        Assert.Contains("<dt>法定时限</dt><dd>即时办结</dd>", page);
        Assert.Contains("<span class=\"flow-days\">即时办结</span>", page);
        Assert.DoesNotContain("0 个工作日", page);
        var card = (await anonymous.GetStringAsync("/sections/guides")).Split("<ul class=\"guide-cards\">")[1].Split("</ul>")[0];
        Assert.Contains("承诺 <b>即时办结</b>", card);
        Assert.DoesNotContain("个工作日", card);
        var home = await anonymous.GetStringAsync("/");
        Assert.Contains("即时办结", home);
        Assert.DoesNotContain("0 个工作日", home);

        var browser = site.CreateBrowserClient();
        await browser.GetAsync("/lang/en?returnUrl=/");
        var english = await browser.GetStringAsync("/guides/on-the-spot");
        Assert.Contains("<dd><b>Same day (on the spot)</b></dd>", english);
        Assert.DoesNotContain("0 working days", english);
        Assert.DoesNotContain("0 working days", await browser.GetStringAsync("/sections/guides"));
        // The API gives the number; 0 is the same-day figure there.
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/guides/on-the-spot")).GetProperty("promisedDays").GetInt32());
    }

    [Fact]
    public async Task Staff_DraftChangeAndPublishAGuide_ThePublicReadsIt_AndBadInputIsRefusedReadably()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        using (var scope = site.Services.CreateScope())
        {
            var bootstrap = scope.ServiceProvider.GetRequiredService<StaffBootstrap>();
            await bootstrap.CreateAsync("editor", "编辑", null, null, [StaffRoles.Editor]);
            await bootstrap.CreateAsync("spokesperson", "新闻发言人", null, null, [StaffRoles.Spokesperson]);
        }
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var writer = site.ApiClient(await site.TokenForAsync("spokesperson"));
        var anonymous = site.CreateClient();

        // A draft: created, not public.
        var created = await writer.PostAsJsonAsync("/api/v1/admin/guides", Guide("个体工商户设立登记", "sole-proprietor-registration"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/admin/guides/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Draft", draft.GetProperty("state").GetString());
        // Blank list entries and null items are dropped, not stored.
        Assert.Equal(1, draft.GetProperty("legalBasis").GetArrayLength());
        Assert.Equal(1, draft.GetProperty("materials").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/guides/sole-proprietor-registration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/guides/sole-proprietor-registration")).StatusCode);

        // Publishing needs Disclosure.PublishContent: the spokesperson may write but not publish.
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsync($"/api/v1/admin/guides/{id}/publish", null)).StatusCode);
        var published = await editor.PostAsync($"/api/v1/admin/guides/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Published", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var page = await anonymous.GetStringAsync("/guides/sole-proprietor-registration");
        Assert.Contains("个体工商户设立登记", page);
        Assert.Contains("市民服务中心二楼 B 区", page);
        // The online service is a link when it is an address; the one fee is waived, so the key facts say so.
        Assert.Contains("<a href=\"https://example.gov.cn/\">https://example.gov.cn</a>", page);
        Assert.Contains("<dt>收费</dt><dd>不收费</dd>", page);
        var listed = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/guides");
        Assert.Contains(listed.EnumerateArray(), g => g.GetProperty("slug").GetString() == "sole-proprietor-registration");
        var read = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/guides/sole-proprietor-registration");
        Assert.Equal(5, read.GetProperty("promisedDays").GetInt32());
        Assert.Equal("审核", read.GetProperty("steps")[1].GetProperty("name").GetString());

        // A change to the public guide goes out at once.
        var changed = await writer.PutAsJsonAsync($"/api/v1/admin/guides/{id}", Guide("个体工商户设立登记", "sole-proprietor-registration", promised: 1));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/guides/sole-proprietor-registration")).GetProperty("promisedDays").GetInt32());

        // Bad input: a readable 4xx naming the field, and the stored guide unchanged.
        async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
        {
            Assert.Equal(status, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/v1/admin/guides/{id}", Guide("个体工商户设立登记", "sole-proprietor-registration", promised: 30, statutory: 20)), HttpStatusCode.BadRequest, "PromisedDays");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/v1/admin/guides/{id}", Guide(" ", "sole-proprietor-registration")), HttpStatusCode.BadRequest, "ItemName");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/v1/admin/guides/{id}", Guide("个体工商户设立登记", "Not A Slug")), HttpStatusCode.BadRequest, "Slug");
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/v1/admin/guides/{id}", new
        {
            itemName = "个体工商户设立登记", promisedDays = 1, statutoryDays = 1, conditions = Enumerable.Range(0, 101).Select(i => $"条件 {i}").ToArray(),
        }), HttpStatusCode.BadRequest, "Materials");
        var other = await writer.PostAsJsonAsync("/api/v1/admin/guides", Guide("另一事项", "another-item"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await AssertRefusedAsync(await writer.PutAsJsonAsync($"/api/v1/admin/guides/{otherId}", Guide("另一事项", "sole-proprietor-registration")), HttpStatusCode.Conflict, "Slug");
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PutAsJsonAsync("/api/v1/admin/guides/99999", Guide("无", "none"))).StatusCode);
        var stored = await writer.GetFromJsonAsync<JsonElement>($"/api/v1/admin/guides/{id}");
        Assert.Equal(1, stored.GetProperty("promisedDays").GetInt32());
        Assert.Equal("个体工商户设立登记", stored.GetProperty("itemName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync($"/api/v1/admin/guides/{id}/publish", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // Unpublished: gone from the public, still there for staff; unpublishing twice is a conflict.
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/admin/guides/{id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/guides/sole-proprietor-registration")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsync($"/api/v1/admin/guides/{id}/unpublish", null)).StatusCode);
        Assert.Contains((await writer.GetFromJsonAsync<JsonElement>("/api/v1/admin/guides")).EnumerateArray(), g => g.GetProperty("id").GetInt32() == id && g.GetProperty("state").GetString() == "Unpublished");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/guides")).StatusCode);
    }
}
