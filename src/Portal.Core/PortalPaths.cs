using Microsoft.Extensions.Configuration;

namespace Portal.Core;

/// <summary>
/// Where the site keeps its files. <see cref="ContentRoot"/> holds <c>themes/</c>, <c>recipes/</c> and
/// <c>content-seed/</c>: the repository itself when run from a clone (so theme edits show without a rebuild),
/// otherwise the copies beside the binary.
/// </summary>
public sealed class PortalPaths
{
    public PortalPaths(string contentRoot, string dataDirectory)
    {
        ContentRoot = Path.GetFullPath(contentRoot);
        DataDirectory = Path.GetFullPath(dataDirectory);
    }

    public string ContentRoot { get; }
    public string DataDirectory { get; }
    public string Themes => Path.Combine(ContentRoot, "themes");
    public string Recipes => Path.Combine(ContentRoot, "recipes");
    public string ContentSeed => Path.Combine(ContentRoot, "content-seed");
    public string Uploads => Path.Combine(DataDirectory, "uploads");
    public string SqliteFile => Path.Combine(DataDirectory, "portal.db");

    public static PortalPaths FromConfiguration(IConfiguration configuration, string hostContentRoot)
    {
        var contentRoot = configuration["Portal:ContentRoot"] ?? FindContentRoot(hostContentRoot);
        var data = configuration["Portal:DataDirectory"];
        var dataDirectory = string.IsNullOrWhiteSpace(data)
            ? Path.Combine(hostContentRoot, "App_Data")
            : Path.IsPathRooted(data) ? data : Path.Combine(hostContentRoot, data);
        return new PortalPaths(contentRoot, dataDirectory);
    }

    private static string FindContentRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")) && Directory.Exists(Path.Combine(dir.FullName, "themes")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
