using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.EndToEnd;

/// <summary>One vector of <c>XssVectors.json</c>: if it ever ran, it would call <c>window.__xss(Id)</c>, <c>alert(Id)</c> or similar.</summary>
public sealed record XssVector(int Id, string Category, string Text);

/// <summary>
/// Watches pages for script that should never run: a <c>window.__xss</c> canary installed before any page script,
/// <c>alert</c>/<c>confirm</c>/<c>prompt</c> dialogs, console messages (the canary's and Content-Security-Policy
/// violations), and after each load a scan of every frame's DOM for markup that would run on interaction
/// (<c>on*</c> attributes, <c>javascript:</c> URLs, inline scripts, frames, <c>base</c>, meta refresh, inline styles).
/// </summary>
internal sealed class XssProbe
{
    private const string CanaryScript = """
        (() => {
          const hits = [];
          const record = (kind, n) => { hits.push(kind + '(' + String(n) + ')'); console.log('XSS-CANARY ' + kind + '(' + String(n) + ')'); };
          Object.defineProperty(window, '__xssHits', { value: hits });
          Object.defineProperty(window, '__xss', { value: n => record('__xss', n) });
        })();
        """;

    private const string DangerScan = """
        () => {
          const bad = [];
          const strip = v => v.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, '').toLowerCase();
          const show = el => el.outerHTML.slice(0, 200);
          const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'codebase', 'lowsrc', 'dynsrc', 'to', 'values', 'from'];
          const scheme = /^(javascript|vbscript|livescript):|^data:(text\/html|application\/xhtml|image\/svg|text\/javascript|application\/javascript)/;
          const root = document.documentElement;
          // A feed or other non-HTML answer is shown by the browser's own viewer, whose markup is not the site's.
          if (!root || document.contentType !== 'text/html') return bad;
          for (const el of root.querySelectorAll('*')) {
            for (const a of el.attributes) {
              const name = a.name.toLowerCase();
              const value = strip(a.value);
              if (name.startsWith('on')) bad.push('event handler attribute ' + name + ': ' + show(el));
              else if (name === 'srcdoc') bad.push('srcdoc: ' + show(el));
              else if (urlAttributes.includes(name) && scheme.test(value)) bad.push('script URL in ' + name + ': ' + show(el));
              else if (name === 'style') bad.push('inline style: ' + show(el));
            }
            const tag = el.localName;
            if (tag === 'script') {
              const src = el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('xlink:href');
              if (!src || new URL(src, location.href).origin !== location.origin) bad.push('script element: ' + show(el));
            }
            if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'style', 'isindex'].includes(tag)) bad.push(tag + ' element: ' + show(el));
            if (tag === 'meta' && strip(el.getAttribute('http-equiv') || '') === 'refresh') bad.push('meta refresh: ' + show(el));
            if (tag === 'link' && el.closest('body')) bad.push('link element in body: ' + show(el));
            if (tag === 'form' && el.getAttribute('action') && new URL(el.getAttribute('action'), location.href).origin !== location.origin) bad.push('foreign form action: ' + show(el));
          }
          return bad;
        }
        """;

    private readonly List<string> executions = [];
    private readonly List<string> cspViolations = [];
    private readonly List<string> dangerousMarkup = [];

    public static IReadOnlyList<XssVector> LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "XssVectors.json");
        var vectors = JsonSerializer.Deserialize<List<XssVector>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
        return vectors;
    }

    /// <summary>The texts, joined by <paramref name="separator"/> into as few strings of at most <paramref name="max"/> characters as they fit in (longer texts are left out).</summary>
    public static List<string> Pack(IEnumerable<string> texts, int max, string separator = " ")
    {
        var packs = new List<string>();
        var current = new StringBuilder();
        foreach (var text in texts.Where(t => t.Length <= max))
        {
            if (current.Length > 0 && current.Length + separator.Length + text.Length > max)
            {
                packs.Add(current.ToString());
                current.Clear();
            }
            current.Append(current.Length > 0 ? separator : "").Append(text);
        }
        if (current.Length > 0)
        {
            packs.Add(current.ToString());
        }
        return packs;
    }

    /// <summary>Text compared without any white space: pages fold line breaks and runs of spaces.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public int PagesChecked { get; private set; }

    public IReadOnlyList<string> Executions => executions;

    public IReadOnlyList<string> CspViolations => cspViolations;

    public IReadOnlyList<string> DangerousMarkup => dangerousMarkup;

    /// <summary>Installs the canary in every frame the context opens, before the page's own scripts.</summary>
    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(CanaryScript);

    public void Watch(IPage page, string mode)
    {
        page.Dialog += (_, dialog) =>
        {
            Record(executions, $"[{mode}] {dialog.Type}({dialog.Message}) on {page.Url}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("XSS-CANARY ", StringComparison.Ordinal))
            {
                Record(executions, $"[{mode}] {message.Text["XSS-CANARY ".Length..]} on {page.Url}");
            }
            else if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Record(cspViolations, $"[{mode}] {message.Text} on {page.Url}");
            }
        };
    }

    /// <summary>Opens the page (expecting <paramref name="status"/>), lets handlers that fire on load and focus run, then checks it. Returns the page's text.</summary>
    public async Task<string> VisitAsync(IPage page, string url, int status = 200)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is not null && response.Status == status, $"GET {url} answered {response?.Status} (expected {status}).");
        return await CheckAsync(page);
    }

    /// <summary>Checks the page as it is now (after a navigation the test caused): canary hits in every frame and dangerous markup. Returns the page's text.</summary>
    public async Task<string> CheckAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForTimeoutAsync(150);
        PagesChecked++;
        foreach (var frame in page.Frames)
        {
            try
            {
                foreach (var hit in await frame.EvaluateAsync<string[]>("() => Array.from(window.__xssHits || [])"))
                {
                    Record(executions, $"{hit} in frame {frame.Url} of {page.Url}");
                }
                foreach (var found in await frame.EvaluateAsync<string[]>(DangerScan))
                {
                    Record(dangerousMarkup, $"{found}  (on {page.Url})");
                }
            }
            catch (PlaywrightException e)
            {
                Record(dangerousMarkup, $"frame {frame.Url} of {page.Url} could not be inspected: {e.Message}");
            }
        }
        return await page.EvaluateAsync<string>("() => (document.body || document.documentElement).textContent || ''");
    }

    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }
}
