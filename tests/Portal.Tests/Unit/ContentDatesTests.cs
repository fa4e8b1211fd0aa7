using System.Text.Json;
using Portal.Core;
using Portal.Core.Recipes;
using Portal.Core.Text;

namespace Portal.Tests.Unit;

public sealed class ContentDatesTests
{
    private static readonly DateTimeOffset Import = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private static RecipeStepContext Context() =>
        new(null!, null!, new PortalPaths("/repo", "/data"), "recipes/demo.recipe.json", "documents", 1, JsonDocument.Parse("{}").RootElement, Import);

    [Fact]
    public void RelativeDate_CountsDaysFromImportAtNineLocal()
    {
        var value = ContentFiles.ParseDate(Context(), "/repo/content-seed/x.md", "published", "-3d");
        Assert.Equal("2026-11-20 09:00", SiteClock.FormatDateTime(value));
    }

    [Fact]
    public void RelativeDate_WithTime_UsesThatLocalTime()
    {
        var value = ContentFiles.ParseDate(Context(), "/repo/content-seed/x.md", "published", "-2d 14:30");
        Assert.Equal("2026-11-21 14:30", SiteClock.FormatDateTime(value));
    }

    [Fact]
    public void TodayLaterThanImport_IsClampedToTheImportInstant()
    {
        var value = ContentFiles.ParseDate(Context(), "/repo/content-seed/x.md", "published", "-0d 18:00");
        Assert.Equal(Import, value);
    }

    [Fact]
    public void AbsoluteDate_IsReadAsSiteTime()
    {
        var value = ContentFiles.ParseDate(Context(), "/repo/content-seed/x.md", "published", "2025-03-01 08:00");
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("-3x")]
    [InlineData("yesterday")]
    [InlineData("2025-13-01")]
    public void UnreadableDate_NamesFileStepAndField(string text)
    {
        var error = Assert.Throws<RecipeException>(() => ContentFiles.ParseDate(Context(), "/repo/content-seed/documents/news/a.md", "published", text));
        Assert.Equal("published", error.Field);
        Assert.Equal("documents", error.Step);
        Assert.Equal("content-seed/documents/news/a.md", error.File);
        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("bureau-functions", true)]
    [InlineData("2026-report", true)]
    [InlineData("Bad", false)]
    [InlineData("a--b", false)]
    [InlineData("-a", false)]
    public void Slugs_AreLowercaseWordsJoinedByHyphens(string slug, bool valid) => Assert.Equal(valid, ContentFiles.IsValidSlug(slug));
}
