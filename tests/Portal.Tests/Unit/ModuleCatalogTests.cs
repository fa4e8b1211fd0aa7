using Microsoft.Extensions.Configuration;
using Portal.Core.Modules;

namespace Portal.Tests.Unit;

public sealed class ModuleCatalogTests
{
    private static ModuleCatalog Create(params (string Key, string Value)[] settings) =>
        ModuleCatalog.Create(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void HostDiscoversEveryModule_InDependencyOrder()
    {
        var ids = Create().Enabled.Select(m => m.Manifest.Id).ToList();
        Assert.Contains("Identity", ids);
        Assert.Contains("Disclosure", ids);
        Assert.True(ids.IndexOf("Identity") < ids.IndexOf("Disclosure"));
    }

    [Fact]
    public void SwitchedOffModule_IsNotEnabled_ButStillInTheDataModel()
    {
        var catalog = Create(("Portal:Modules:Disclosure:Enabled", "false"));
        Assert.False(catalog.IsEnabled("Disclosure"));
        Assert.Contains(catalog.All, m => m.Manifest.Id == "Disclosure");
    }

    [Fact]
    public void AlwaysOnModule_CannotBeSwitchedOff_SoItsDependentsKeepWorking()
    {
        var catalog = Create(("Portal:Modules:Identity:Enabled", "false"));
        Assert.True(catalog.IsEnabled("Identity"));
        Assert.True(catalog.IsEnabled("Disclosure"));
    }
}

public sealed class GeneratedPasswordTests
{
    [Fact]
    public void GeneratedPasswords_AlwaysMeetThePasswordRules()
    {
        for (var i = 0; i < 2000; i++)
        {
            var password = Portal.Identity.StaffBootstrap.GeneratePassword();
            Assert.True(password.Length >= 10 && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiDigit), password);
        }
    }
}
