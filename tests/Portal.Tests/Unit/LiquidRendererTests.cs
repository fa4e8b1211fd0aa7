using System.Globalization;
using Portal.Core;
using Portal.Core.Localization;
using Portal.Theming;

namespace Portal.Tests.Unit;

[LiquidModel]
public sealed record SampleModel(string Title, SafeHtml Body)
{
    public NotAModel Secret => new("should-not-leak");

    public string Hidden() => "a method is not a property";
}

public sealed record NotAModel(string Title);

public sealed class LiquidRendererTests : IDisposable
{
    private readonly string root = Support.TempDirectory.Create("portal-themes");
    private readonly LiquidRenderer renderer;
    private readonly ThemeCatalog themes;

    public LiquidRendererTests()
    {
        Write("themes/base/theme.json", """{ "name": "Base", "styles": ["a.css"] }""");
        Write("themes/child/theme.json", """{ "name": "Child", "base": "base", "styles": ["b.css"] }""");
        Write("themes/base/Views/Page.liquid", "base:{{ model.title }}|{{ model.body }}|{{ model.title | raw }}|{{ model.secret.title }}|{{ \"Home\" | t }}");
        Write("themes/base/Views/Other.liquid", "other-base");
        Write("themes/child/Views/Other.liquid", "other-child {% include 'partials/p' %}");
        Write("themes/base/Views/partials/p.liquid", "[{{ model.title }}]");
        Write("themes/base/Views/Plain.liquid", "{{ model.title }}");
        Write("themes/base/Views/Json.liquid", "[{{ model | json }}]");
        Write("themes/base/Views/Method.liquid", "[{{ model.hidden }}{{ model.Hidden }}]");
        Write("themes/base/Views/Count.liquid", "{{ \"{0} comments\" | t: model.title.size }}");
        Write("loc/portal.zh-CN.json", """{ "Home": "首页" }""");
        var paths = new PortalPaths(root, Path.Combine(root, "data"));
        themes = new ThemeCatalog(paths);
        renderer = new LiquidRenderer(themes, new TextCatalog(Path.Combine(root, "loc")));
    }

    [Fact]
    public void Output_IsHtmlEncoded_UnlessItIsSafeHtml_EvenWithRaw()
    {
        var html = Render("child", "Page", new SampleModel("<b>标题</b>", new SafeHtml("<p>ok</p>")));
        Assert.Equal("base:&lt;b&gt;标题&lt;/b&gt;|<p>ok</p>|&lt;b&gt;标题&lt;/b&gt;||首页", html);
    }

    [Fact]
    public void OnlyMarkupCharactersAreEncoded_LineBreaksAndPlusSignsStayAsTheyAre()
    {
        var html = Render("base", "Plain", new SampleModel("a+b\n<'x'> & \"y\" · 😀", new SafeHtml("")));
        Assert.Equal("a+b\n&lt;&#39;x&#39;&gt; &amp; &quot;y&quot; · 😀", html);
    }

    [Theory]
    [InlineData("Method")] // methods of model types are not callable
    [InlineData("Json")] // the json filter cannot serialize a model past the allow-list
    public void NothingButModelProperties_IsReadable(string view)
    {
        Assert.Equal("[]", Render("base", view, new SampleModel("x", new SafeHtml(""))));
    }

    /// <summary>
    /// Stylesheets are served immutable for a year under ?v=: the key must change when a stylesheet does (it followed
    /// theme.json's file time, so a changed stylesheet kept its key), and not when only a file time does.
    /// </summary>
    [Fact]
    public void StylesheetUrls_ChangeWithTheStylesheetsOfTheChain_NotWithFileTimes()
    {
        Write("themes/base/wwwroot/a.css", "a { color: black; }");
        Write("themes/child/wwwroot/b.css", "b { color: black; }");
        var paths = new PortalPaths(root, Path.Combine(root, "data"));
        IReadOnlyList<string> Urls() => new ThemeCatalog(paths).Get("child").StylesheetUrls;
        var before = Urls();
        Assert.Matches("^/themes/base/a\\.css\\?v=[0-9a-f]{16}$", before[0]);
        Assert.Matches("^/themes/child/b\\.css\\?v=[0-9a-f]{16}$", before[1]);

        File.SetLastWriteTimeUtc(Path.Combine(root, "themes/base/theme.json"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(root, "themes/base/wwwroot/a.css"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(before, Urls());

        Write("themes/base/wwwroot/a.css", "a { color: black; outline: 3px solid; }");
        var after = Urls();
        Assert.NotEqual(before[0], after[0]);
        Assert.NotEqual(before[1], after[1]);
    }

    [Fact]
    public void TranslateFilter_FormatsItsArguments()
    {
        Assert.Equal("3 comments", Render("base", "Count", new SampleModel("abc", new SafeHtml(""))));
    }

    [Fact]
    public void ChildTheme_OverridesByMirroringThePath_AndIncludesFallBackToTheBase()
    {
        Assert.Equal("other-child [x]", Render("child", "Other", new SampleModel("x", new SafeHtml(""))));
        Assert.Equal("other-base", Render("base", "Other", new SampleModel("x", new SafeHtml(""))));
    }

    [Fact]
    public void TypesWithoutTheAttribute_AreInvisibleToTemplates()
    {
        Assert.Equal("", Render("base", "Plain", new NotAModel("hidden")));
    }

    [Fact]
    public void ThemeChain_ListsBaseStylesFirst()
    {
        var child = themes.Get("child");
        Assert.Equal(["child", "base"], child.Chain);
        Assert.StartsWith("/themes/base/a.css", child.StylesheetUrls[0]);
        Assert.StartsWith("/themes/child/b.css", child.StylesheetUrls[1]);
    }

    [Fact]
    public void ChangedTemplate_IsReparsedWithoutARestart()
    {
        Assert.Equal("other-base", Render("base", "Other", new SampleModel("x", new SafeHtml(""))));
        Assert.Equal("changed", RenderAfterChanging("themes/base/Views/Other.liquid", "changed", "base", "Other"));
    }

    [Fact]
    public void ChangedPartial_IsReparsedWithoutARestart()
    {
        Assert.Equal("other-child [x]", Render("child", "Other", new SampleModel("x", new SafeHtml(""))));
        Assert.Equal("other-child (x)", RenderAfterChanging("themes/base/Views/partials/p.liquid", "({{ model.title }})", "child", "Other"));
    }

    [Fact]
    public void PartialPutBackWithAnOlderFileTime_IsReparsedToo()
    {
        Assert.Equal("other-child [x]", Render("child", "Other", new SampleModel("x", new SafeHtml(""))));
        Assert.Equal("other-child <x>", RenderAfterChanging("themes/base/Views/partials/p.liquid", "<{{ model.title }}>", "child", "Other", older: true));
    }

    /// <summary>
    /// Rewrites a view file and renders until the output changes. The renderer looks at the disk at most once a second
    /// per view, so the change shows within about a second; after three the last output is returned as it is.
    /// </summary>
    private string RenderAfterChanging(string relative, string text, string theme, string view, bool older = false)
    {
        var before = Render(theme, view, new SampleModel("x", new SafeHtml("")));
        var file = Path.Combine(root, relative);
        File.WriteAllText(file, text);
        File.SetLastWriteTimeUtc(file, older ? new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) : DateTime.UtcNow.AddSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var seen = Render(theme, view, new SampleModel("x", new SafeHtml("")));
        while (seen == before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            seen = Render(theme, view, new SampleModel("x", new SafeHtml("")));
        }
        return seen;
    }

    private string Render(string theme, string view, object model) =>
        renderer.Render(themes.Get(theme), view, new Dictionary<string, object?> { ["model"] = model }, CultureInfo.GetCultureInfo("zh-CN"));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
