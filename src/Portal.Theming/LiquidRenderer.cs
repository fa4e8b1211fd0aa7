using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Fluid;
using Fluid.Values;
using Portal.Core.Localization;

namespace Portal.Theming;

/// <summary>
/// Renders Liquid views with Fluid. A view is looked up in the active theme, then its base themes, then the module's
/// own default (<c>Views/</c> beside the binary), so a theme overrides a module by mirroring its path; an
/// <c>{% include %}</c> resolves through the same chain. Templates are parsed once and re-parsed only when their file
/// changes; every output is HTML-encoded unless it is a <see cref="SafeHtml"/> (produced by HtmlSanitizer at save time,
/// or by the renderer itself), and <c>| raw</c> cannot unencode anything else.
/// </summary>
public sealed class LiquidRenderer
{
    private static readonly FluidParser Parser = new();

    private const string ThemeKey = "portal.theme";

    /// <summary>Which file serves a view, and whether it changed, is looked up at most this often per view.</summary>
    private const long RecheckAfterMs = 1000;

    private readonly ThemeCatalog themes;
    private readonly TextCatalog text;
    private readonly TemplateOptions options;
    private readonly ConcurrentDictionary<string, View> parsed = new();
    private readonly ConcurrentDictionary<(string Theme, string View), (View View, long CheckedAt)> resolved = new();
    private readonly string moduleViews = Path.Combine(AppContext.BaseDirectory, "Views");

    public LiquidRenderer(ThemeCatalog themes, TextCatalog text)
    {
        this.themes = themes;
        this.text = text;
        options = new TemplateOptionsBuilder()
            // Templates name model properties in snake_case (comment.receipt_number for ReceiptNumber): that mapping
            // lives in the member access strategy, where each (type, name) is resolved once. Not as the options'
            // ModelNamesComparer, which is also the comparer of every variable scope: Fluid's snake-case comparer
            // converts both names on every lookup, a few per cent of an uncached page's time and garbage besides.
            .WithMemberAccessStrategy(() => new ModelPropertiesOnly())
            .AddValueConverter(static value => value is SafeHtml html ? StringValue.Create(html.Html, false) : null)
            .AddFilter("raw", static (input, _, _) => ValueTask.FromResult(input))
            .AddFilter("t", (input, arguments, context) => Translate(text, input, arguments, context))
            // Fluid's json serializes a whole object, past the allow-list above: not offered to themes.
            .AddFilter("json", static (_, _, _) => ValueTask.FromResult<FluidValue>(NilValue.Instance))
            .WithFileProvider(new IncludeFiles(this))
            .WithTemplateCache(new ParsedViews(this))
            .WithMaxRecursion(20)
            .Build();
    }

    public string Render(ThemeInfo theme, string view, IReadOnlyDictionary<string, object?> values, CultureInfo culture)
    {
        var context = new TemplateContext(options) { CultureInfo = culture };
        context.AmbientValues[ThemeKey] = theme;
        foreach (var (key, value) in values)
        {
            context.SetValue(key, FluidValue.Create(value, options));
        }
        return Resolve(theme, view).Template.Render(context, MarkupEncoder.Instance);
    }

    public bool ViewExists(ThemeInfo theme, string view) => FindFile(theme, view) is not null;

    /// <summary><c>{{ "Page {0} of {1}" | t: page, pages }}</c>: the key is the English text; up to three arguments.</summary>
    private static ValueTask<FluidValue> Translate(TextCatalog text, FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var translated = text.Translate(input.ToStringValue(context), context.CultureInfo);
        if (arguments.Count == 0 || arguments.At(0).IsNil())
        {
            return ValueTask.FromResult(StringValue.Create(translated));
        }
        object? Argument(int i) => i < arguments.Count ? arguments.At(i).ToObjectValue(context) : null;
        return ValueTask.FromResult(StringValue.Create(string.Format(context.CultureInfo, translated, Argument(0), Argument(1), Argument(2))));
    }

    private View Resolve(ThemeInfo theme, string view) => TryResolve(theme, view)
        ?? throw new FileNotFoundException($"No Liquid view '{view}' in theme '{theme.Id}' or the module defaults.");

    private View? TryResolve(ThemeInfo theme, string view)
    {
        var now = Environment.TickCount64;
        var key = (theme.Id, view);
        if (resolved.TryGetValue(key, out var hit) && now - hit.CheckedAt < RecheckAfterMs)
        {
            return hit.View;
        }
        var file = FindFile(theme, view);
        if (file is null)
        {
            return null;
        }
        var stamp = File.GetLastWriteTimeUtc(file);
        if (!parsed.TryGetValue(file, out var found) || found.Stamp != stamp)
        {
            if (!Parser.TryParse(File.ReadAllText(file), out var template, out var error))
            {
                throw new InvalidOperationException($"Liquid syntax error in {file}: {error}");
            }
            found = new View(file, stamp, template);
            parsed[file] = found;
        }
        resolved[key] = (found, now);
        return found;
    }

    private string? FindFile(ThemeInfo theme, string view)
    {
        var relative = view.Replace('/', Path.DirectorySeparatorChar) + ".liquid";
        if (relative.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var id in theme.Chain)
        {
            var candidate = Path.Combine(themes.ViewsFolder(id), relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var fallback = Path.Combine(moduleViews, relative);
        return File.Exists(fallback) ? fallback : null;
    }

    private sealed record View(string File, DateTime Stamp, IFluidTemplate Template)
    {
        /// <summary>What an include of this view hands Fluid; <see cref="ParsedViews"/> answers it with <see cref="Template"/>.</summary>
        public TemplateSourceInfo Source { get; } = new(
            new DateTimeOffset(Stamp, TimeSpan.Zero), _ => ValueTask.FromResult<Stream>(System.IO.File.OpenRead(File)), File);
    }

    /// <summary><c>{% include 'partials/pager' %}</c>: a view of the rendering theme's chain, parsed once per change.</summary>
    private sealed class IncludeFiles(LiquidRenderer renderer) : ITemplateFileProvider
    {
        public ValueTask<TemplateSourceInfo> GetFileInfoAsync(string subpath, TemplateContext context, CancellationToken cancellationToken)
        {
            var theme = (ThemeInfo)context.AmbientValues[ThemeKey];
            var view = subpath.EndsWith(".liquid", StringComparison.Ordinal) ? subpath[..^".liquid".Length] : subpath;
            return ValueTask.FromResult(renderer.TryResolve(theme, view)?.Source!);
        }
    }

    /// <summary>
    /// Fluid's cache for included views, answered from this renderer's own parses: the file's time must match exactly
    /// (a theme put back with its old file times is re-read, where Fluid's default cache waits for a newer time), and a
    /// partial is parsed once, synchronously, in <see cref="TryResolve"/> rather than read again by Fluid.
    /// </summary>
    private sealed class ParsedViews(LiquidRenderer renderer) : ITemplateCache
    {
        public bool TryGetTemplate(string key, DateTimeOffset lastModified, out IFluidTemplate template)
        {
            if (renderer.parsed.TryGetValue(key, out var view) && view.Stamp == lastModified.UtcDateTime)
            {
                template = view.Template;
                return true;
            }
            template = null!;
            return false;
        }

        public void SetTemplate(string key, DateTimeOffset lastModified, IFluidTemplate template)
        {
        }
    }

    /// <summary>Templates read public instance properties of <see cref="LiquidModelAttribute"/> types and nothing else.</summary>
    private sealed class ModelPropertiesOnly : MemberAccessStrategy
    {
        private static readonly ConcurrentDictionary<Type, bool> ModelTypes = new();
        private readonly DefaultMemberAccessStrategy inner = new();
        private readonly ConcurrentDictionary<(Type, string), MemberAccessor?> accessors = new();

        public override MemberAccessor GetAccessor(Type type, string name, StringComparer comparer) =>
            accessors.GetOrAdd((type, name), static (key, inner) =>
            {
                var (type, name) = key;
                var comparer = StringComparers.SnakeCase;
                var isModel = ModelTypes.GetOrAdd(type, static t => t.GetCustomAttribute<LiquidModelAttribute>() is not null);
                var isProperty = isModel && type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Any(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && comparer.Equals(p.Name, name));
                return isProperty ? inner.GetAccessor(type, name, comparer) : null;
            }, inner)!;

        public override void Register(Type type, string name, MemberAccessor accessor) => inner.Register(type, name, accessor);
    }
}

/// <summary>HTML that was sanitized when it was saved, or produced by the renderer; written without encoding.</summary>
public sealed record SafeHtml(string Html)
{
    public override string ToString() => Html;
}
