using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Consultations.Public;

/// <summary>The formats of a consultation's open data: the same rows as CSV (RFC 4180, with a BOM for spreadsheets) or JSON.</summary>
public enum OpenDataFormat
{
    Csv,
    Json,
}

/// <summary>
/// Open data: every public comment of a consultation with its response (once final), as CSV or JSON, written row by
/// row as the database returns them, so that a large consultation never sits in memory. Contacts are never included.
/// Used by the site's download links and by the <c>export</c> verb, which writes the same bytes without a web server.
/// </summary>
public static class OpenDataExport
{
    /// <summary>
    /// Chinese text as itself, not as <c>\uXXXX</c> escapes: the files stay readable, and about half the size. Characters
    /// that mean something in HTML (<c>&lt; &gt; &amp; '</c>) are still escaped.
    /// </summary>
    public static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The consultation to export, or null when there is none by that slug that the public can see.</summary>
    public static Task<Consultation?> FindAsync(PortalDb db, string slug, CancellationToken cancellationToken) =>
        db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug && c.State != ConsultationState.Draft, cancellationToken);

    /// <summary>Every consultation the public can see, oldest first: what a bulk export covers.</summary>
    public static Task<List<Consultation>> ListAsync(PortalDb db, CancellationToken cancellationToken) =>
        db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>The state's code in the open data (<c>open</c> while comments may still arrive, then the outcome).</summary>
    public static string StateCode(Consultation consultation) => consultation.State switch
    {
        ConsultationState.Adopted => "adopted",
        ConsultationState.Rejected => "rejected",
        ConsultationState.Withdrawn => "withdrawn",
        _ => "published",
    };

    public static string FileName(Consultation consultation, OpenDataFormat format) =>
        $"{consultation.Slug}-comments.{(format == OpenDataFormat.Csv ? "csv" : "json")}";

    public static string ContentType(OpenDataFormat format) =>
        format == OpenDataFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>Writes the consultation's comments to <paramref name="output"/>; returns how many were written.</summary>
    public static async Task<int> WriteAsync(PortalDb db, Consultation consultation, OpenDataFormat format, Stream output, CancellationToken cancellationToken)
    {
        var csv = format == OpenDataFormat.Csv;
        var final = consultation.State is ConsultationState.Adopted or ConsultationState.Rejected or ConsultationState.Withdrawn;
        var rows = db.Set<Comment>().AsNoTracking()
            .Where(c => c.ConsultationId == consultation.Id && c.Status != CommentStatus.Pending)
            .OrderBy(c => c.Id)
            .Select(c => new { c.ReceiptNumber, c.Name, c.PublishName, c.Organization, c.ArticleNumber, c.SubmittedUtc, c.Status, c.RejectReason, c.PublicBody, c.ConsentToPublish, c.GroupId, c.Disposition, c.ResponseReason, c.ResponseArticles })
            .AsAsyncEnumerable();
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 64 * 1024, leaveOpen: true);
        await using var json = csv ? null : new Utf8JsonWriter(output, Json);
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
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            count++;
            var published = c.Status == CommentStatus.Published;
            var author = Labels.Author(c.PublishName, c.Name, "匿名");
            var organization = published && c.PublishName ? c.Organization ?? "" : "";
            var status = published ? "published" : "rejected";
            var body = published && c.ConsentToPublish ? c.PublicBody : "";
            var disposition = final ? Labels.DispositionCode(c.Disposition) : "";
            var reason = final ? c.ResponseReason : "";
            var articles = final ? c.ResponseArticles : "";
            if (csv)
            {
                await writer.WriteLineAsync(string.Join(',', Csv(c.ReceiptNumber), Csv(author), Csv(organization), c.ArticleNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
                    SiteClock.FormatDateTime(c.SubmittedUtc), status, Labels.RejectCode(c.RejectReason), Csv(body), c.GroupId?.ToString(CultureInfo.InvariantCulture) ?? "",
                    disposition, Csv(reason), Csv(articles)));
                continue;
            }
            json!.WriteStartObject();
            json.WriteString("receiptNumber", c.ReceiptNumber);
            json.WriteString("author", author);
            json.WriteString("organization", organization);
            if (c.ArticleNumber is { } article) json.WriteNumber("article", article); else json.WriteNull("article");
            json.WriteString("submittedUtc", c.SubmittedUtc.UtcDateTime);
            json.WriteString("status", status);
            json.WriteString("rejectReason", Labels.RejectCode(c.RejectReason));
            json.WriteString("body", body);
            if (c.GroupId is { } group) json.WriteNumber("group", group); else json.WriteNull("group");
            if (disposition.Length > 0)
            {
                json.WriteStartObject("response");
                json.WriteString("disposition", disposition);
                json.WriteString("reason", reason);
                json.WriteString("articles", articles);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            if (count % 200 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        if (!csv)
        {
            json!.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }
        return count;
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
