using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Portal.Core;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Statements.Model;

/// <summary>The text rules every statement version follows, whoever writes it (form, API, correction or recipe).</summary>
public static partial class StatementText
{
    public const int MaxBodyLength = 100_000;
    public const int MaxQuestions = 200;

    /// <summary>Refuses images without a description: a screen reader user must learn what the picture shows.</summary>
    public static Refusal? CheckBody(string? markdown, TextCatalog text)
    {
        var body = markdown ?? "";
        if (body.Length > MaxBodyLength)
        {
            return new Refusal(text.Translate("The text is at most 100,000 characters."), "Body", 422);
        }
        var document = Markdown.Parse(body);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
        {
            var alt = string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (string.IsNullOrWhiteSpace(alt))
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("The image {0} has no alternative text. Write what it shows between the brackets: ![description](address)."), image.Url), "Body", 422);
            }
        }
        foreach (Match tag in HtmlImage().Matches(body))
        {
            if (!HtmlAlt().IsMatch(tag.Value))
            {
                return new Refusal(text.Translate("An HTML image has no alternative text. Give it an alt attribute that says what it shows."), "Body", 422);
            }
        }
        return null;
    }

    public static Refusal? CheckQuestions(IReadOnlyList<QaBlock> questions, TextCatalog text)
    {
        if (questions.Count > MaxQuestions)
        {
            return new Refusal(text.Translate("A transcript holds at most 200 questions."), "Questions", 422);
        }
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            if (q.Question.Length == 0 || q.Answer.Length == 0)
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("Question {0} needs both the question and the answer."), i + 1), "Questions", 422);
            }
            if (q.Questioner.Length > 100 || q.Outlet.Length > 100 || q.Answerer.Length > 100 || q.Question.Length > 5000 || q.Answer.Length > 20_000)
            {
                return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    text.Translate("Question {0} is too long: names and outlets up to 100 characters, a question up to 5,000, an answer up to 20,000."), i + 1), "Questions", 422);
            }
        }
        return null;
    }

    /// <summary>Trims each block and drops the blank rows a form leaves.</summary>
    public static List<QaBlock> Clean(IEnumerable<QaBlock>? questions) =>
        (questions ?? []).Select(q => new QaBlock((q.Questioner ?? "").Trim(), (q.Outlet ?? "").Trim(), (q.Question ?? "").Trim(), (q.Answerer ?? "").Trim(), (q.Answer ?? "").Trim()))
            .Where(q => q.Questioner.Length + q.Outlet.Length + q.Question.Length + q.Answerer.Length + q.Answer.Length > 0)
            .ToList();

    public static string Html(string markdown) => RichText.MarkdownToSafeHtml(markdown);

    /// <summary>The text of a version as one plain string: what the diff and the search index read.</summary>
    public static string Plain(string title, string summary, string markdown, IEnumerable<QaBlock> questions)
    {
        var parts = new List<string> { title };
        if (summary.Length > 0)
        {
            parts.Add(summary);
        }
        parts.Add(markdown.Trim());
        foreach (var q in questions)
        {
            parts.Add($"{q.Questioner} {q.Outlet}：{q.Question}");
            parts.Add($"{q.Answerer}：{q.Answer}");
        }
        return string.Join("\n\n", parts.Where(p => p.Length > 0));
    }

    [GeneratedRegex("<img\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();

    [GeneratedRegex("\\balt\\s*=\\s*(\"[^\"]*\\S[^\"]*\"|'[^']*\\S[^']*')", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAlt();
}
