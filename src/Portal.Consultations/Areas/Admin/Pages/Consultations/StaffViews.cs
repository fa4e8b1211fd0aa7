using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;

namespace Portal.Consultations.Areas.Admin.Pages.Consultations;

/// <summary>What every consultation screen shows above its content: the title, the status and the tabs.</summary>
public sealed record ConsultationHeader(int Id, string Slug, string Title, ConsultationStatus Status, string StatusCode, string StatusLabel, string Current)
{
    public bool IsPublic => Status != ConsultationStatus.Draft;

    public bool IsFinal => Status is ConsultationStatus.Adopted or ConsultationStatus.Rejected or ConsultationStatus.Withdrawn;

    public static async Task<(ConsultationHeader Header, Consultation Consultation)?> LoadAsync(
        PortalDb db, int id, DateTimeOffset now, TextCatalog text, string current, CancellationToken cancellationToken)
    {
        var c = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }
        var status = c.StatusAt(now);
        return (new ConsultationHeader(c.Id, c.Slug, c.Title, status, Labels.Status(status), Labels.StatusLabel(text, status), current), c);
    }
}

/// <summary>A page of a long list; the number comes from <c>?page=</c>, clamped to the pages that exist.</summary>
public sealed record Paging(int Number, int Pages, int Total)
{
    public const int Size = 50;

    public int Skip => (Number - 1) * Size;

    // Read from the query by hand: in Razor Pages the route value "page" is the page's own name and wins model binding.
    public static Paging From(HttpRequest request, int total)
    {
        var pages = Math.Max(1, (total + Size - 1) / Size);
        var asked = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return new Paging(Math.Min(asked, pages), pages, total);
    }
}

/// <summary>Articles are edited as one text: each article ends at a line holding only <c>---</c>.</summary>
public static class ArticleText
{
    public const string Separator = "---";

    public static string Join(IEnumerable<DraftArticle> articles) => string.Join("\n\n" + Separator + "\n\n", articles.Select(a => a.Markdown));

    public static List<string> Split(string? text)
    {
        var articles = new List<string>();
        var current = new List<string>();
        foreach (var line in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim() == Separator)
            {
                articles.Add(string.Join('\n', current));
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        articles.Add(string.Join('\n', current));
        // Empty pieces (a separator at the end, two in a row) are not articles; the numbering follows the kept ones.
        return articles.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
    }
}

/// <summary>The pager under a long list: <see cref="BaseUrl"/> holds the filters, the page number is appended.</summary>
public sealed record PagerLinks(Paging Paging, string BaseUrl)
{
    public string? Url(int page) => page < 1 || page > Paging.Pages ? null
        : page == 1 ? BaseUrl : $"{BaseUrl}&page={page.ToString(CultureInfo.InvariantCulture)}";
}
