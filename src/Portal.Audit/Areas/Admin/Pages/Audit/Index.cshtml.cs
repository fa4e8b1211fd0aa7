using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Audit.Model;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Audit.Areas.Admin.Pages.Audit;

/// <summary>The audit trail for administrators: filter by actor, entity, action and time; export what is shown as CSV.</summary>
[Authorize(Policy = AuditPermissions.ViewAudit)]
public sealed class IndexModel(PortalDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<string> Actions { get; } = ["create", "update", "delete", "sign-in", "sign-in-failed"];

    public async Task OnGetAsync()
    {
        var query = Filtered();
        Total = await query.CountAsync(HttpContext.RequestAborted);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Entries = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(HttpContext.RequestAborted);
    }

    /// <summary>The filtered trail as CSV (UTF-8 with BOM so spreadsheet programs read Chinese), streamed row by row.</summary>
    public async Task OnGetExportAsync()
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("sequence,occurred_utc,actor,action,entity_type,entity_key,summary,request,previous_hash,hash");
        await foreach (var e in Filtered().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(HttpContext.RequestAborted))
        {
            await writer.WriteLineAsync(string.Join(',',
                e.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "", e.OccurredUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Csv(e.Actor), Csv(e.Action), Csv(e.EntityType), Csv(e.EntityKey), Csv(e.Summary), Csv(e.Context), e.PreviousHash, e.Hash));
        }
    }

    public string PageUrl(int page) =>
        $"/admin/audit?actor={Uri.EscapeDataString(Actor ?? "")}&entity={Uri.EscapeDataString(Entity ?? "")}&action={Uri.EscapeDataString(ActionName ?? "")}" +
        $"&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&p={page}";

    public string ExportUrl => PageUrl(1).Replace("/admin/audit?", "/admin/audit?handler=Export&", StringComparison.Ordinal);

    private IQueryable<AuditEntry> Filtered()
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim();
            query = query.Where(e => e.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(Entity))
        {
            var entity = Entity.Trim();
            query = query.Where(e => e.EntityType == entity || e.EntityKey == entity);
        }
        if (!string.IsNullOrWhiteSpace(ActionName))
        {
            var action = ActionName.Trim();
            query = query.Where(e => e.Action == action);
        }
        if (From is { } from)
        {
            var start = SiteClock.FromLocal(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredUtc >= start);
        }
        if (To is { } to)
        {
            var end = SiteClock.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredUtc < end);
        }
        return query;
    }

    /// <summary>Quotes a field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
