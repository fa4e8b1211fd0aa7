using System.Globalization;

namespace Portal.Search.Index;

/// <summary>
/// Where a node keeps its index: <c>&lt;DataDirectory&gt;/search/index-&lt;n&gt;</c> directories and a <c>current</c>
/// file naming the one in use. A rebuild writes a new directory and then replaces the pointer with a rename, so a
/// reader of the pointer sees either the old or the new name, never half of one.
/// </summary>
public sealed class IndexLocation(string root)
{
    private const string Prefix = "index-";

    public string Root { get; } = root;

    private string PointerFile => Path.Combine(Root, "current");

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>The directory name the pointer names, or null before the first index exists.</summary>
    public string? ReadCurrent()
    {
        try
        {
            var name = File.ReadAllText(PointerFile).Trim();
            return name.StartsWith(Prefix, StringComparison.Ordinal) && !name.Contains('/') && !name.Contains('\\') ? name : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A fresh directory name above every existing one.</summary>
    public string NewName()
    {
        Directory.CreateDirectory(Root);
        var highest = Existing().Select(Number).DefaultIfEmpty(0).Max();
        return Prefix + (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Atomically points at <paramref name="name"/> (write a temporary file, then rename over the pointer).</summary>
    public void Point(string name)
    {
        Directory.CreateDirectory(Root);
        var temporary = Path.Combine(Root, $"current.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, name);
        File.Move(temporary, PointerFile, overwrite: true);
    }

    /// <summary>Deletes index directories other than those named; a directory still open elsewhere is left for the next time.</summary>
    public void DeleteAllBut(params string?[] keep)
    {
        foreach (var name in Existing().Where(n => !keep.Contains(n)))
        {
            try
            {
                Directory.Delete(PathOf(name), recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private IEnumerable<string> Existing() => Directory.Exists(Root)
        ? Directory.EnumerateDirectories(Root, Prefix + "*").Select(Path.GetFileName).OfType<string>().Where(n => Number(n) > 0)
        : [];

    private static int Number(string name) =>
        int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
