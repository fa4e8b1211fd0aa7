using Ganss.Xss;
using Markdig;

namespace Portal.Core.Text;

/// <summary>
/// Turns staff-written Markdown into HTML that is safe to emit unencoded. This runs at save time so
/// templates may output <c>...SanitizedHtml</c> properties with <c>| raw</c> and nothing else.
/// </summary>
public static class RichText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    public static string MarkdownToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitize(html);
    }

    public static string Sanitize(string html)
    {
        var sanitizer = SanitizerHolder.Instance;
        lock (sanitizer)
        {
            return sanitizer.Sanitize(html);
        }
    }

    /// <summary>Plain text of a Markdown body, for summaries and meta descriptions.</summary>
    public static string MarkdownToPlainText(string? markdown, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var text = Markdown.ToPlainText(markdown, Pipeline);
        text = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
    }

    /// <summary>
    /// The sanitizer is built on first use, not with this class: building it loads AngleSharp and its CSS parser (~900
    /// methods compiled at run time), which a process that only needs plain text (the search index updater at start)
    /// never uses.
    /// </summary>
    private static class SanitizerHolder
    {
        public static readonly HtmlSanitizer Instance = CreateSanitizer();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        return sanitizer;
    }
}
