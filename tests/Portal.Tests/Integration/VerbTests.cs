using System.Diagnostics;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The host binary's verbs, run as a real process the way an operator runs them.</summary>
public sealed class VerbTests
{
    internal static async Task<(int ExitCode, string Out, string Error)> RunAsync(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RecipeTests.FindRepository(), "src", "Portal.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["Portal__DataDirectory"] = dataDirectory;
        info.Environment["Portal__Admin__Password"] = PortalFactory.AdminPassword;
        info.Environment["Portal__Recipe"] = "setup";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task TokenCreate_PrintsABearerTokenOnTheLastLine()
    {
        var data = TempDirectory.Create("portal-verbs");
        var (code, output, error) = await RunAsync(data, "token", "create", "--user", "admin");
        Assert.True(code == 0, error);
        var last = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^ptk_[a-z2-7]{40}$", last);
    }

    [Fact]
    public async Task TokenCreate_ForAnUnknownUser_FailsWithAMessage()
    {
        var (code, _, error) = await RunAsync(TempDirectory.Create("portal-verbs"), "token", "create", "--user", "nobody");
        Assert.Equal(1, code);
        Assert.Contains("No staff user named 'nobody'", error);
    }

    [Fact]
    public async Task Recipe_AppliesByName_AndAnUnknownNameFailsWithAMessage()
    {
        var data = TempDirectory.Create("portal-verbs");
        var (ok, output, okError) = await RunAsync(data, "recipe", "demo");
        Assert.True(ok == 0, okError);
        Assert.Contains("Recipe 'demo' applied.", output);
        var (code, _, error) = await RunAsync(data, "recipe", "nosuch");
        Assert.Equal(1, code);
        Assert.Contains("no recipe named 'nosuch'", error);
        Assert.Contains("Nothing was changed", error);
    }
}
