using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Localization;
using Portal.Identity;

namespace Portal.Tests.Unit;

public sealed class IdentityErrorsTests
{
    private static readonly TextCatalog Text = new(Path.Combine(AppContext.BaseDirectory, "Localization"));

    /// <summary>Every refusal Identity can give reaches a Chinese staff member in Chinese (none falls back to the English key).</summary>
    [Fact]
    public void EveryIdentityError_IsTranslated_InChinese()
    {
        var errors = new CatalogIdentityErrors(Text);
        var methods = typeof(IdentityErrorDescriber).GetMethods().Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError)).ToList();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var untranslated = methods
                .Select(m => (m.Name, Error: (IdentityError)m.Invoke(errors, m.GetParameters().Select(p => p.ParameterType == typeof(int) ? 10 : (object)"x").ToArray())!))
                .Where(e => !e.Error.Description.Any(c => c >= '\u4e00' && c <= '\u9fff') || e.Error.Code != e.Name)
                .Select(e => $"{e.Name}: {e.Error.Description}")
                .ToList();
            Assert.True(methods.Count >= 20, $"only {methods.Count} describer methods found");
            Assert.True(untranslated.Count == 0, "Not translated:\n" + string.Join("\n", untranslated));
            Assert.Equal("密码至少 10 个字符。", errors.PasswordTooShort(10).Description);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
