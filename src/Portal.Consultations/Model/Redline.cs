using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Portal.Consultations.Model;

public sealed record RedlinePart(string Kind, string Text);

/// <summary>
/// Draft against final text, word by word. For Chinese a "word" is one character (there are no spaces to split
/// on); runs of Latin letters or digits stay whole, so "2026年" diffs as "2026" + "年".
/// </summary>
public static class Redline
{
    private static readonly Differ Differ = new();

    public static IReadOnlyList<RedlinePart> Compare(string before, string after)
    {
        var oldTokens = Tokenize(before);
        var newTokens = Tokenize(after);
        var result = Differ.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new CustomFunctionChunker(Tokenize));
        var parts = new List<RedlinePart>();
        var oldIndex = 0;
        foreach (var block in result.DiffBlocks)
        {
            Append(parts, "same", oldTokens, oldIndex, block.DeleteStartA - oldIndex);
            Append(parts, "deleted", oldTokens, block.DeleteStartA, block.DeleteCountA);
            Append(parts, "inserted", newTokens, block.InsertStartB, block.InsertCountB);
            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }
        Append(parts, "same", oldTokens, oldIndex, oldTokens.Length - oldIndex);
        return parts;
    }

    public static string[] Tokenize(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
            tokens.Add(c.ToString());
        }
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }
        return [.. tokens];
    }

    private static void Append(List<RedlinePart> parts, string kind, string[] tokens, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }
        var text = string.Concat(tokens.AsSpan(start, count).ToArray());
        if (parts.Count > 0 && parts[^1].Kind == kind)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
        }
        else
        {
            parts.Add(new RedlinePart(kind, text));
        }
    }
}
