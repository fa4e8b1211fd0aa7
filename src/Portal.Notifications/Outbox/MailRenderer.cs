using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Settings;
using Portal.Notifications.Model;
using Portal.Theming;

namespace Portal.Notifications.Outbox;

/// <summary>One entry of a list in a message (a digest's items); values named <c>items</c> hold a JSON array of them.</summary>
[LiquidModel]
public sealed record MailItem(string Title, string Url, string Date, string Note);

/// <summary>One comment and its answer in the mail sent when a decision is final; values named <c>answers</c> hold them.</summary>
[LiquidModel]
public sealed record MailAnswer(string ReceiptNumber, string Disposition, string DispositionCode, string ResponseReason, string ResponseArticles, string StatusUrl);

/// <summary>
/// Turns an outbox row into a MIME message from the active theme's mail templates, in the row's language:
/// <c>Views/Mail/{template}.text.liquid</c> (its first line is <c>Subject: …</c>, then a blank line, then the text)
/// and <c>Views/Mail/{template}.html.liquid</c>, each wrapped in <c>Mail/Layout.text</c> / <c>Mail/Layout.html</c>.
/// A theme overrides any of them by mirroring the path; modules ship the defaults in their own <c>Views/Mail</c>.
/// </summary>
public sealed class MailRenderer(LiquidRenderer liquid, ThemeCatalog themes, ISiteSettings settings, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options)
{
    public async Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var site = await settings.GetAsync(cancellationToken);
        var theme = themes.Get(site.ActiveTheme);
        var culture = CultureInfo.GetCultureInfo(row.Culture == "en" ? "en" : "zh-CN");
        var baseUrl = BaseUrl(options.Value, site);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(row.ValuesJson) ?? [])
        {
            values[key] = key switch
            {
                "items" => JsonSerializer.Deserialize<List<MailItem>>(value, JsonOptions) ?? [],
                "answers" => JsonSerializer.Deserialize<List<MailAnswer>>(value, JsonOptions) ?? [],
                _ => value,
            };
        }
        if (row.Template == "decision-answer" && !values.ContainsKey("answers"))
        {
            // Queued before answers were sent one message per commenter: one comment, its answer in flat values.
            values["answers"] = new List<MailAnswer> { new(Flat("receipt_number"), Flat("disposition"), Flat("disposition_code"),
                Flat("response_reason"), Flat("response_articles"), Flat("status_url")) };
        }
        string Flat(string key) => values.GetValueOrDefault(key) as string ?? "";
        values["site_name"] = culture.Name == "en" ? site.SiteNameEn : site.SiteName;
        values["base_url"] = baseUrl;
        values["culture"] = culture.Name;
        var unsubscribe = row.UnsubscribeToken is null ? null : $"{baseUrl}/subscriptions/unsubscribe/{row.UnsubscribeToken}";
        values["unsubscribe_url"] = unsubscribe;

        // The text part is rendered with the same encoding engine as pages, then decoded: plain text has no markup to protect.
        var text = WebUtility.HtmlDecode(liquid.Render(theme, $"Mail/{row.Template}.text", values, culture)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var (subject, body) = SplitSubject(text, row.Template);
        values["subject"] = subject;
        values["content"] = new SafeHtml(liquid.Render(theme, $"Mail/{row.Template}.html", values, culture));
        var html = liquid.Render(theme, "Mail/Layout.html", values, culture);
        values["content"] = body;
        var plain = WebUtility.HtmlDecode(liquid.Render(theme, "Mail/Layout.text", values, culture));

        var message = new MimeMessage
        {
            MessageId = row.MessageId,
            Date = row.CreatedUtc,
            Subject = subject,
        };
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Headers.Add("Content-Language", culture.Name);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Portal-Template", row.Template);
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var builder = new BodyBuilder { TextBody = plain, HtmlBody = html };
        foreach (var attachment in row.Attachments)
        {
            builder.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = builder.ToMessageBody();
        return message;
    }

    public static string BaseUrl(NotificationOptions options, SiteSettingsSnapshot site) =>
        (options.BaseUrl is { Length: > 0 } configured ? configured : $"https://{site.SiteDomain}").TrimEnd('/');

    private static (string Subject, string Body) SplitSubject(string text, string template)
    {
        var trimmed = text.TrimStart();
        const string prefix = "Subject:";
        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The mail template Mail/{template}.text must start with a 'Subject:' line.");
        }
        var end = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var subject = (end < 0 ? trimmed[prefix.Length..] : trimmed[prefix.Length..end]).Trim();
        return (subject, end < 0 ? "" : trimmed[(end + 1)..].Trim('\n'));
    }

    /// <summary>A list value (<c>items</c>, <c>answers</c>) as it is stored in an outbox row.</summary>
    public static string ListValue<T>(IEnumerable<T> entries) => JsonSerializer.Serialize(entries, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
