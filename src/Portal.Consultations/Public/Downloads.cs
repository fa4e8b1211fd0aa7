using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Consultations.Public;

/// <summary>
/// Open data: every public comment of a consultation with its response (once final), as CSV or JSON, streamed row
/// by row so that a large consultation never sits in memory. Contacts are never included.
/// </summary>
internal static class Downloads
{
    private sealed record Row(string ReceiptNumber, string Author, string Organization, int? Article, DateTimeOffset Submitted, string Status,
        string RejectReason, string Body, long? Group, string Disposition, string Reason, string ChangedArticles);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/consultations/{slug}/comments.csv", (string slug, HttpContext http, PortalDb db) => WriteAsync(http, db, slug, csv: true));
        endpoints.MapGet("/consultations/{slug}/comments.json", (string slug, HttpContext http, PortalDb db) => WriteAsync(http, db, slug, csv: false));
    }

    private static async Task WriteAsync(HttpContext http, PortalDb db, string slug, bool csv)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug && c.State != ConsultationState.Draft, http.RequestAborted);
        if (consultation is null)
        {
            http.Response.StatusCode = 404;
            return;
        }
        var final = consultation.State is ConsultationState.Adopted or ConsultationState.Rejected or ConsultationState.Withdrawn;
        var rows = db.Set<Comment>().AsNoTracking()
            .Where(c => c.ConsultationId == consultation.Id && c.Status != CommentStatus.Pending)
            .OrderBy(c => c.Id)
            .Select(c => new { c.ReceiptNumber, c.Name, c.PublishName, c.Organization, c.ArticleNumber, c.SubmittedUtc, c.Status, c.RejectReason, c.PublicBody, c.ConsentToPublish, c.GroupId, c.Disposition, c.ResponseReason, c.ResponseArticles })
            .AsAsyncEnumerable();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{consultation.Slug}-comments.{(csv ? "csv" : "json")}\"";
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 64 * 1024);
        await using var json = csv ? null : new Utf8JsonWriter(http.Response.Body);
        if (csv)
        {
            await writer.WriteLineAsync("receipt_number,author,organization,article,submitted,status,reject_reason,body,group,disposition,reason,changed_articles");
        }
        else
        {
            json!.WriteStartObject();
            json.WriteString("consultation", consultation.Slug);
            json.WriteString("title", consultation.Title);
            json.WriteStartArray("comments");
        }
        var count = 0;
        await foreach (var c in rows.WithCancellation(http.RequestAborted))
        {
            var published = c.Status == CommentStatus.Published;
            var row = new Row(c.ReceiptNumber, Labels.Author(c.PublishName, c.Name, "匿名"), published && c.PublishName ? c.Organization ?? "" : "", c.ArticleNumber, c.SubmittedUtc,
                published ? "published" : "rejected", Labels.RejectCode(c.RejectReason), published && c.ConsentToPublish ? c.PublicBody : "",
                c.GroupId, final ? Labels.DispositionCode(c.Disposition) : "", final ? c.ResponseReason : "", final ? c.ResponseArticles : "");
            if (csv)
            {
                await writer.WriteLineAsync(string.Join(',', Csv(row.ReceiptNumber), Csv(row.Author), Csv(row.Organization), row.Article?.ToString(CultureInfo.InvariantCulture) ?? "",
                    SiteClock.FormatDateTime(row.Submitted), row.Status, row.RejectReason, Csv(row.Body), row.Group?.ToString(CultureInfo.InvariantCulture) ?? "",
                    row.Disposition, Csv(row.Reason), Csv(row.ChangedArticles)));
            }
            else
            {
                json!.WriteStartObject();
                json.WriteString("receiptNumber", row.ReceiptNumber);
                json.WriteString("author", row.Author);
                json.WriteString("organization", row.Organization);
                if (row.Article is { } article) json.WriteNumber("article", article); else json.WriteNull("article");
                json.WriteString("submittedUtc", row.Submitted.UtcDateTime);
                json.WriteString("status", row.Status);
                json.WriteString("rejectReason", row.RejectReason);
                json.WriteString("body", row.Body);
                if (row.Group is { } group) json.WriteNumber("group", group); else json.WriteNull("group");
                if (final && row.Disposition.Length > 0)
                {
                    json.WriteStartObject("response");
                    json.WriteString("disposition", row.Disposition);
                    json.WriteString("reason", row.Reason);
                    json.WriteString("articles", row.ChangedArticles);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                if (++count % 200 == 0)
                {
                    await json.FlushAsync(http.RequestAborted);
                }
            }
        }
        if (!csv)
        {
            json!.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(http.RequestAborted);
        }
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
