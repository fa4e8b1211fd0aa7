using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Areas.Admin.Pages.Guides;

/// <summary>
/// The guide's lists as staff type them: one item per line, fields separated by "|" (a full-width "｜" counts
/// too, as Chinese keyboards produce it). Every malformed line is reported with its number, so the editor can
/// fix them all in one go; a blank line is skipped.
/// </summary>
internal sealed class GuideLines(IStringLocalizer l)
{
    public const int MaxLines = 100;
    public const int MaxLineLength = 2000;

    private static readonly char[] Separators = ['|', '｜'];

    public List<(string Field, string Message)> Problems { get; } = [];

    public List<string> Items(string field, string label, string? text) =>
        Parse(field, label, text, (_, line) => line);

    public List<GuideMaterial> Materials(string field, string? text) =>
        Parse(field, "Materials", text, (number, line) =>
        {
            var parts = line.Split(Separators, 4).Select(p => p.Trim()).ToArray();
            if (parts.Length < 3)
            {
                return Fail<GuideMaterial>(field, l["Materials, line {0}: write it as “name | originals | copies | note” (the note may be left out).", number]);
            }
            if (parts[0].Length == 0)
            {
                return Fail<GuideMaterial>(field, l["Materials, line {0}: the material's name is missing before the first “|”.", number]);
            }
            var originals = Number(parts[1]);
            var copies = Number(parts[2]);
            if (originals is null)
            {
                Problems.Add((field, l["Materials, line {0}: the number of originals must be a whole number from 0 to 999, not “{1}”.", number, parts[1]]));
            }
            if (copies is null)
            {
                Problems.Add((field, l["Materials, line {0}: the number of copies must be a whole number from 0 to 999, not “{1}”.", number, parts[2]]));
            }
            return originals is null || copies is null ? null : new GuideMaterial(parts[0], originals.Value, copies.Value, parts.ElementAtOrDefault(3) ?? "");
        });

    public List<GuideStep> Steps(string field, string? text) =>
        Parse(field, "Procedure", text, (number, line) =>
        {
            var parts = line.Split(Separators, 4).Select(p => p.Trim()).ToArray();
            if (parts.Length < 3)
            {
                return Fail<GuideStep>(field, l["Procedure, line {0}: write it as “name | actor | days | description” (the description may be left out).", number]);
            }
            if (parts[0].Length == 0)
            {
                return Fail<GuideStep>(field, l["Procedure, line {0}: the step's name is missing before the first “|”.", number]);
            }
            if (Number(parts[2]) is not { } days)
            {
                return Fail<GuideStep>(field, l["Procedure, line {0}: the days must be a whole number from 0 to 999, not “{1}”.", number, parts[2]]);
            }
            return new GuideStep(parts[0], parts[1], parts.ElementAtOrDefault(3) ?? "", days);
        });

    public List<GuideFee> Fees(string field, string? text) =>
        Parse(field, "Fees", text, (number, line) =>
        {
            var parts = line.Split(Separators, 3).Select(p => p.Trim()).ToArray();
            if (parts.Length < 2)
            {
                return Fail<GuideFee>(field, l["Fees, line {0}: write it as “item | standard | basis” (the basis may be left out).", number]);
            }
            if (parts[0].Length == 0 || parts[1].Length == 0)
            {
                return Fail<GuideFee>(field, l["Fees, line {0}: both the item and its standard are required.", number]);
            }
            return new GuideFee(parts[0], parts[1], parts.ElementAtOrDefault(2) ?? "");
        });

    public List<GuideQuestion> Faq(string field, string? text) =>
        Parse(field, "FAQ", text, (number, line) =>
        {
            var parts = line.Split(Separators, 2).Select(p => p.Trim()).ToArray();
            if (parts.Length < 2)
            {
                return Fail<GuideQuestion>(field, l["FAQ, line {0}: write it as “question | answer”.", number]);
            }
            if (parts[0].Length == 0 || parts[1].Length == 0)
            {
                return Fail<GuideQuestion>(field, l["FAQ, line {0}: both the question and the answer are required.", number]);
            }
            return new GuideQuestion(parts[0], parts[1]);
        });

    /// <summary>A time limit in working days; <paramref name="message"/> is the English key of the error.</summary>
    public int Days(string field, string? value, string message)
    {
        if (Number(value?.Trim() ?? "") is { } days)
        {
            return days;
        }
        Problems.Add((field, l[message]));
        return 0;
    }

    public static string Format(IEnumerable<string> items) => string.Join('\n', items.Select(Flat));

    public static string Format(IEnumerable<GuideMaterial> materials) =>
        Join(materials.Select(m => new[] { m.Name, Text(m.Original), Text(m.Copies), m.Note }));

    public static string Format(IEnumerable<GuideStep> steps) =>
        Join(steps.Select(s => new[] { s.Name, s.Actor, Text(s.Days), s.Description }));

    public static string Format(IEnumerable<GuideFee> fees) => Join(fees.Select(f => new[] { f.Item, f.Standard, f.Basis }));

    public static string Format(IEnumerable<GuideQuestion> faq) => Join(faq.Select(q => new[] { q.Q, q.A }));

    private List<T> Parse<T>(string field, string label, string? text, Func<int, string, T?> parseLine)
    {
        var items = new List<T>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Length > MaxLineLength)
            {
                Problems.Add((field, l["{0}, line {1}: a line holds at most {2} characters; shorten it.", l[label], i + 1, MaxLineLength]));
                continue;
            }
            if (parseLine(i + 1, line) is { } item)
            {
                items.Add(item);
            }
        }
        if (items.Count > MaxLines)
        {
            Problems.Add((field, l["{0}: at most {1} lines; remove some.", l[label], MaxLines]));
        }
        return items;
    }

    private T? Fail<T>(string field, string message)
    {
        Problems.Add((field, message));
        return default;
    }

    private static int? Number(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= GuideCommands.MaxNumber ? n : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Leaves out an empty last field (it is optional), so a material without a note reads "name | 1 | 0".</summary>
    private static string Join(IEnumerable<string[]> rows) =>
        string.Join('\n', rows.Select(fields =>
        {
            var kept = fields.Select(Flat).ToList();
            if (kept.Count > 2 && kept[^1].Length == 0)
            {
                kept.RemoveAt(kept.Count - 1);
            }
            return string.Join(" | ", kept);
        }));

    private static string Flat(string value) => value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
}
