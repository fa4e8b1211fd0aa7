using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Theming;

/// <summary>A link to public content about another item (the interpretations of a document, for instance).</summary>
[LiquidModel]
public sealed record RelatedLink(string Title, string Url, string? Meta = null);

/// <summary>
/// Lets one module list its content on another module's page without either knowing the other: the page asks for
/// (source, key) — <c>documents</c>/slug, <c>consultations</c>/slug — and renders what the providers return.
/// Providers return only what is public now.
/// </summary>
public interface IRelatedContentProvider
{
    Task<IReadOnlyList<RelatedLink>> GetLinksAsync(string source, string key, CancellationToken cancellationToken);
}

public static class RelatedContent
{
    public static async Task<IReadOnlyList<RelatedLink>> ForAsync(HttpContext http, string source, string key)
    {
        async Task<IReadOnlyList<RelatedLink>> ReadAsync()
        {
            var links = new List<RelatedLink>();
            foreach (var provider in http.RequestServices.GetServices<IRelatedContentProvider>())
            {
                links.AddRange(await provider.GetLinksAsync(source, key, http.RequestAborted));
            }
            return links;
        }
        var memo = http.RequestServices.GetService<Portal.Core.Content.ContentMemo>();
        return memo is null ? await ReadAsync() : await memo.GetAsync($"related:{source}:{key}:{System.Globalization.CultureInfo.CurrentUICulture.Name}", ReadAsync);
    }
}
